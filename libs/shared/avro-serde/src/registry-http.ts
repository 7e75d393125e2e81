import http from 'node:http';
import https from 'node:https';

export interface RegistryHttpResponse {
  readonly status: number;
  readonly text: string;
}

export interface RegistryHttpRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

/**
 * HTTP(S) for the registry client on Node's own modules: global fetch cannot be given a CA to trust
 * (node:https can), and a private CA is what a secured registry in a cluster usually has.
 */
export class RegistryHttp {
  private readonly agent: http.Agent | https.Agent;

  constructor(
    private readonly secure: boolean,
    ca?: string,
  ) {
    this.agent = secure ? new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) }) : new http.Agent({ keepAlive: true });
  }

  request(url: string, request: RegistryHttpRequest): Promise<RegistryHttpResponse> {
    const send = this.secure ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const outgoing = send(url, { method: request.method, headers: request.headers, agent: this.agent, timeout: request.timeoutMs }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
