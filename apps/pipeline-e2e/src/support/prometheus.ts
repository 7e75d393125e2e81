import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadStackConfig, prometheusExtraRulesDir, stackDir, stackPaths } from '@furnish/tools-stack';

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

export interface PromRule {
  readonly type: 'recording' | 'alerting';
  readonly name: string;
  readonly query: string;
  readonly state?: 'inactive' | 'pending' | 'firing';
  readonly alerts?: readonly { readonly labels: Record<string, string>; readonly state: string }[];
}

export interface PromRuleGroup {
  readonly name: string;
  readonly file: string;
  readonly rules: readonly PromRule[];
}

/** The local stack's Prometheus (tools/stack/prometheus.ts), through its HTTP API. */
export class PrometheusApi {
  readonly url = `http://127.0.0.1:${loadStackConfig(process.env).prometheus.port}`;
  private readonly rulesDir = prometheusExtraRulesDir(stackPaths(stackDir(process.env)));

  private async get<T>(apiPath: string, params: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`${this.url}${apiPath}?${new URLSearchParams(params)}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${apiPath} ${JSON.stringify(params)}: ${body.error ?? response.status}`);
    return body.data;
  }

  /** An instant query; throws on a PromQL error. */
  async query(expr: string): Promise<PromSample[]> {
    const data = await this.get<{ resultType: string; result: PromSample[] }>('/api/v1/query', { query: expr });
    return data.result;
  }

  async ruleGroups(): Promise<PromRuleGroup[]> {
    return (await this.get<{ groups: PromRuleGroup[] }>('/api/v1/rules')).groups;
  }

  async firing(alertname: string): Promise<Record<string, string>[]> {
    const { alerts } = await this.get<{ alerts: { labels: Record<string, string>; state: string }[] }>('/api/v1/alerts');
    return alerts.filter((a) => a.labels['alertname'] === alertname && a.state === 'firing').map((a) => a.labels);
  }

  /** Adds a rule file beside the deployed rules and reloads. */
  async addRules(name: string, text: string): Promise<void> {
    writeFileSync(path.join(this.rulesDir, name), text);
    await this.reload();
  }

  async removeRules(name: string): Promise<void> {
    rmSync(path.join(this.rulesDir, name), { force: true });
    await this.reload();
  }

  private async reload(): Promise<void> {
    const response = await fetch(`${this.url}/-/reload`, { method: 'POST' });
    if (!response.ok) throw new Error(`Prometheus reload failed: ${response.status} ${await response.text()}`);
  }
}

/** Polls `check` until it returns a value that is not undefined; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
