import type { ManifestObject } from './manifest-schemas';

/**
 * The deployment policy every overlay must meet (issue 12): each workload's containers run
 * non-root, on a read-only root filesystem, without privilege escalation or capabilities, under the
 * RuntimeDefault seccomp profile, with CPU and memory requests and limits; long-running workloads
 * also have startup, liveness and readiness probes and a PodDisruptionBudget selecting their pods.
 */
interface Container {
  readonly name?: string;
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
  readonly securityContext?: SecurityContext & {
    readonly readOnlyRootFilesystem?: boolean;
    readonly allowPrivilegeEscalation?: boolean;
    readonly privileged?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[]; readonly add?: readonly string[] };
  };
  readonly startupProbe?: unknown;
  readonly livenessProbe?: unknown;
  readonly readinessProbe?: unknown;
}

interface SecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly seccompProfile?: { readonly type?: string };
}

interface PodTemplate {
  readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: { readonly securityContext?: SecurityContext; readonly containers?: readonly Container[]; readonly initContainers?: readonly Container[] };
}

/** Kinds that run pods, and where their pod template is. */
const WORKLOADS: Readonly<Record<string, { readonly template: (spec: Record<string, unknown>) => PodTemplate | undefined; readonly longRunning: boolean }>> = {
  Deployment: { template: (spec) => spec['template'] as PodTemplate, longRunning: true },
  StatefulSet: { template: (spec) => spec['template'] as PodTemplate, longRunning: true },
  DaemonSet: { template: (spec) => spec['template'] as PodTemplate, longRunning: true },
  Job: { template: (spec) => spec['template'] as PodTemplate, longRunning: false },
  CronJob: { template: (spec) => ((spec['jobTemplate'] as { spec?: Record<string, unknown> } | undefined)?.spec?.['template'] as PodTemplate), longRunning: false },
};

const RESOURCES = ['cpu', 'memory'] as const;
const PROBES = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const;

function containerViolations(container: Container, pod: SecurityContext, probed: boolean): string[] {
  const found: string[] = [];
  for (const resource of RESOURCES) {
    if (container.resources?.requests?.[resource] === undefined) found.push(`no ${resource} request`);
    if (container.resources?.limits?.[resource] === undefined) found.push(`no ${resource} limit`);
  }
  const security = container.securityContext ?? {};
  const runAsNonRoot = security.runAsNonRoot ?? pod.runAsNonRoot;
  const runAsUser = security.runAsUser ?? pod.runAsUser;
  if (runAsNonRoot !== true) found.push('runAsNonRoot is not true');
  if (runAsUser === 0) found.push('runs as uid 0');
  if (security.readOnlyRootFilesystem !== true) found.push('readOnlyRootFilesystem is not true');
  if (security.allowPrivilegeEscalation !== false) found.push('allowPrivilegeEscalation is not false');
  if (security.privileged === true) found.push('privileged');
  if (!(security.capabilities?.drop ?? []).includes('ALL')) found.push('capabilities do not drop ALL');
  if ((security.capabilities?.add ?? []).length > 0) found.push(`adds capabilities ${security.capabilities?.add?.join(', ')}`);
  if ((security.seccompProfile ?? pod.seccompProfile)?.type !== 'RuntimeDefault') found.push('seccompProfile is not RuntimeDefault');
  if (probed) for (const probe of PROBES) if (container[probe] === undefined) found.push(`no ${probe}`);
  return found;
}

const selects = (selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

/** Every policy violation in one rendered overlay, as "<Kind>/<name>[/<container>]: <what>". */
export function policyViolations(objects: readonly ManifestObject[]): string[] {
  const budgets = objects
    .filter((object) => object.kind === 'PodDisruptionBudget')
    .map((object) => ((object['spec'] as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {}));
  const found: string[] = [];
  for (const object of objects) {
    const workload = WORKLOADS[object.kind];
    if (!workload) continue;
    const name = `${object.kind}/${object.metadata.name}`;
    const template = workload.template((object['spec'] ?? {}) as Record<string, unknown>);
    const containers = template?.spec?.containers ?? [];
    if (containers.length === 0) found.push(`${name}: no containers`);
    // Init containers run to completion before the pod starts: no probes for them.
    const checked = [...containers.map((container) => ({ container, probed: workload.longRunning })), ...(template?.spec?.initContainers ?? []).map((container) => ({ container, probed: false }))];
    for (const { container, probed } of checked) {
      for (const violation of containerViolations(container, template?.spec?.securityContext ?? {}, probed)) {
        found.push(`${name}/${container.name ?? '?'}: ${violation}`);
      }
    }
    if (workload.longRunning && !budgets.some((selector) => selects(selector, template?.metadata?.labels ?? {}))) {
      found.push(`${name}: no PodDisruptionBudget selects its pods`);
    }
  }
  return found;
}
