/**
 * The image's entry point (deploy/image/entrypoint.js), run as the image runs it: app selection by
 * argument or FURNISH_APP, arguments passed on, and SIGTERM ending the process whether or not the
 * app handles it (as PID 1 an unhandled SIGTERM would be ignored). Stand-in apps print what they got.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ENTRYPOINT = path.join(__dirname, '..', '..', 'deploy', 'image', 'entrypoint.js');
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'furnish-entrypoint-'));
  cpSync(ENTRYPOINT, path.join(root, 'entrypoint.js'));
  const app = (name: string, code: string) => {
    mkdirSync(path.join(root, 'apps', name, 'src'), { recursive: true });
    writeFileSync(path.join(root, 'apps', name, 'src', 'main.js'), code);
  };
  app('provisioner', `console.log(JSON.stringify({ app: 'provisioner', args: process.argv.slice(2) }));`);
  // Like Nest's shutdown hooks: drain, remove its own listener, raise the signal again.
  app(
    'minimiser',
    `const onTerm = () => { console.log('drained'); process.removeListener('SIGTERM', onTerm); process.kill(process.pid, 'SIGTERM'); };
     process.on('SIGTERM', onTerm); console.log('started'); setInterval(() => {}, 1000);`,
  );
  app('consent-ledger', `console.log('started'); setInterval(() => {}, 1000);`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [path.join(root, 'entrypoint.js'), ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', ...env } });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
};

/** Starts an app, waits for "started", sends SIGTERM; resolves with its output and exit code. */
function terminate(app: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'entrypoint.js'), app], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} did not exit after SIGTERM`));
    }, 5000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('started') && !child.killed) child.kill('SIGTERM');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: stdout.trim() });
    });
  });
}

describe('image entry point', () => {
  it('runs the app named by the first argument and passes the rest on', () => {
    expect(run(['provisioner', 'topics', '--replication-factor', '3'])).toEqual({ status: 0, stdout: '{"app":"provisioner","args":["topics","--replication-factor","3"]}', stderr: '' });
  });

  it('runs FURNISH_APP with every argument when the first names no app', () => {
    expect(run(['schemas'], { FURNISH_APP: 'provisioner' }).stdout).toBe('{"app":"provisioner","args":["schemas"]}');
  });

  it('prefers the argument over FURNISH_APP', () => {
    expect(run(['provisioner', 'migrate'], { FURNISH_APP: 'minimiser' }).stdout).toBe('{"app":"provisioner","args":["migrate"]}');
  });

  it('refuses to guess: no app, or an unknown one, exits 64 naming the choices', () => {
    expect(run([])).toEqual({ status: 64, stdout: '', stderr: 'furnish image: name the app as the first argument or in FURNISH_APP: one of consent-ledger, consent-filter, minimiser, bureau-formatter, provisioner, consent-reports, dlq' });
    expect(run([], { FURNISH_APP: 'shell' })).toEqual({ status: 64, stdout: '', stderr: 'furnish image: FURNISH_APP must be one of consent-ledger, consent-filter, minimiser, bureau-formatter, provisioner, consent-reports, dlq' });
  });

  it('lets an app drain on SIGTERM, then exits 143 on the signal it raises again', async () => {
    await expect(terminate('minimiser')).resolves.toEqual({ code: 143, stdout: 'started\ndrained' });
  });

  it('exits 143 on SIGTERM when the app has no handler of its own', async () => {
    await expect(terminate('consent-ledger')).resolves.toEqual({ code: 143, stdout: 'started' });
  });
});
