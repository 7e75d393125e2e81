import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface TestCertificates {
  /** PEM of the CA that signed the server certificate: what clients trust. */
  readonly caFile: string;
  /** Server certificate (localhost, 127.0.0.1) and its unencrypted PKCS#8 key. */
  readonly certFile: string;
  readonly keyFile: string;
  /** Key and certificate in one file: Kafka's PEM keystore. */
  readonly keystoreFile: string;
  /** A CA that signed nothing here: clients trusting only it must refuse the servers. */
  readonly otherCaFile: string;
}

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

function certificateAuthority(dir: string, name: string): void {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.crt`);
}

/** A throwaway CA and a server certificate for the loopback interface, made with openssl at test time. */
export function generateTestCertificates(dir: string): TestCertificates {
  certificateAuthority(dir, 'furnish-test-ca');
  certificateAuthority(dir, 'furnish-other-ca');
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr');
  openssl(
    dir,
    'x509', '-req', '-in', 'server.csr', '-CA', 'furnish-test-ca.crt', '-CAkey', 'furnish-test-ca.key', '-CAcreateserial',
    '-days', '2', '-out', 'server.crt', '-extfile', writeExtensions(dir),
  );
  const file = (name: string) => path.join(dir, name);
  execFileSync('sh', ['-c', 'cat server.key server.crt > server.pem'], { cwd: dir });
  return {
    caFile: file('furnish-test-ca.crt'),
    certFile: file('server.crt'),
    keyFile: file('server.key'),
    keystoreFile: file('server.pem'),
    otherCaFile: file('furnish-other-ca.crt'),
  };
}

function writeExtensions(dir: string): string {
  const extensions = path.join(dir, 'server.ext');
  execFileSync('sh', ['-c', `printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > ${extensions}`]);
  return extensions;
}

