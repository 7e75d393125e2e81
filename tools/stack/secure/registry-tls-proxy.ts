import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { TestCertificates } from './test-certificates';

export interface RegistryTlsProxy {
  /** The registry's Confluent API behind TLS, e.g. https://localhost:48443/apis/ccompat/v7. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * TLS and HTTP basic auth in front of the local Apicurio, which offers neither without an OIDC
 * server: what a production registry behind an ingress looks like to our clients. Requests
 * without the right credentials get 401 and never reach the registry.
 */
export async function startRegistryTlsProxy(target: string, certificates: TestCertificates, credentials: { username: string; password: string }, port = 0): Promise<RegistryTlsProxy> {
  const upstream = new URL(target);
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const server: Server = createServer({ cert: readFileSync(certificates.certFile), key: readFileSync(certificates.keyFile) }, (incoming, outgoing) => {
    if (incoming.headers.authorization !== expected) {
      outgoing.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="registry"' });
      outgoing.end(JSON.stringify({ error_code: 401, message: 'Unauthorized' }));
      return;
    }
    const headers = { ...incoming.headers, host: upstream.host };
    delete headers.authorization;
    const forwarded = httpRequest({ host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${listening}${upstream.pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
