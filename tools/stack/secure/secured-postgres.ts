import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestCertificates } from './test-certificates';

const PG_BIN = process.env['FURNISH_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

export interface SecuredPostgresSettings {
  readonly dir: string;
  readonly port: number;
  readonly certificates: TestCertificates;
  /** The `postgres` superuser's password (scram-sha-256). */
  readonly password: string;
}

export interface SecuredPostgres {
  /** A URL for `database` with sslmode=verify-full (host localhost, as in the certificate). */
  urlFor(database: string, password?: string): string;
  readonly logFile: string;
  /** Starts it again after stop() (same data). */
  start(): void;
  stop(): void;
}

/**
 * A PostgreSQL of its own (the machine's PG 15 binaries, a throwaway data directory) that accepts
 * TCP connections only over TLS with a password, so the shared instance on 5432 stays untouched.
 * initdb refuses to run as root, so as root it runs as the `postgres` system user.
 */
export function startSecuredPostgres(settings: SecuredPostgresSettings): SecuredPostgres {
  const { dir, port, certificates, password } = settings;
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined;
  const ownerGroup = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) : undefined;
  const run = (binary: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(PG_BIN, binary), asRoot ? ['-u', 'postgres', '--', path.join(PG_BIN, binary), ...args] : args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const own = (file: string) => owner !== undefined && chownSync(file, owner, ownerGroup!);

  mkdirSync(dir, { recursive: true });
  own(dir);
  const data = path.join(dir, 'data');
  const passwordFile = path.join(dir, 'pwfile');
  writeFileSync(passwordFile, `${password}\n`);
  own(passwordFile);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${passwordFile}`, '--no-sync']);
  for (const [from, to] of [[certificates.certFile, 'server.crt'], [certificates.keyFile, 'server.key']] as const) {
    copyFileSync(from, path.join(data, to));
    chmodSync(path.join(data, to), 0o600);
    own(path.join(data, to));
  }
  appendFileSync(
    path.join(data, 'postgresql.conf'),
    [`port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`, 'ssl = on', "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'", 'fsync = off', ''].join('\n'),
  );
  // Only TLS over TCP; the socket (for pg_ctl) stays trusted.
  writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n');
  const logFile = path.join(dir, 'postgres.log');
  writeFileSync(logFile, '');
  own(logFile);
  const start = () => run('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']);
  start();
  return {
    logFile,
    start,
    urlFor: (database, withPassword = password) => `postgres://postgres:${encodeURIComponent(withPassword)}@localhost:${port}/${database}?sslmode=verify-full`,
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
  };
}
