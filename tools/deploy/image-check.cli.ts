/**
 * The image check CI runs (`.ci/run`, or `npm run image:check` by hand): builds the image with
 * buildah from the compiled apps, then starts consent-ledger from it against the local stack until
 * /health/ready answers 200, then sends it SIGTERM and expects a prompt, clean exit. Last, it runs
 * the coverage report from the image against the database the ledger migrated, as an operator
 * would in production (a Job or `kubectl exec`).
 *
 * `podman run` cannot start containers here (crun is refused setrlimit and cgroup set-up), so the
 * image runs the way a kubelet would set it up, minus cgroups: its root filesystem mounted by
 * buildah and bound read-only, /proc, /dev, a /tmp tmpfs and the host's /etc/hosts and
 * /etc/resolv.conf mounted in, in new mount and PID namespaces (Node is PID 1), as the image's
 * user with no_new_privs, with the image's own environment and entry point. The host network is
 * kept, so the stack's ports on 127.0.0.1 are reachable. The container is always unmounted and
 * removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { consumerGroupOf } from '@furnish/shared-contracts';
import { ensureDatabases, ensureStack, loadStackConfig, servicePortBase, stackDir, stackPaths } from '../stack';
import { waitUntil } from '../stack/wait-until';
import { buildImage, ensureBuildah, ensureLocalBase, imageConfig, mountImage, type ImageConfig } from './buildah';
import { assembleImageContext } from './image-context';

const IMAGE_TAG = 'localhost/furnish:image-check';
const CONTAINER_NAME = 'furnish-image-check';
const APP = 'consent-ledger';
const READY_TIMEOUT_MS = 120_000;
/** Below the Deployments' terminationGracePeriodSeconds: an idle ledger drains at once. */
const STOP_TIMEOUT_MS = 45_000;

/** Mounts what a container runtime provides, makes the image's root read-only, then runs "$@". */
const RUN_SCRIPT = `set -eu
root="$1"; secrets="$2"; shift 2
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o nosuid,nodev,size=16m tmpfs "$root/tmp"
# The secret files a Pod would mount (the dead-letter key ring), on the tmpfs: the root stays read-only.
cp -r "$secrets" "$root/tmp/secrets" && chmod -R a+rX "$root/tmp/secrets"
mount --bind /etc/hosts "$root/etc/hosts"
mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
mount -o remount,bind,ro "$root"
exec setpriv --no-new-privs "$@"`;

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const timings: string[] = [];
  let started = Date.now();
  const context = await assembleImageContext();
  timings.push(`build ${seconds(started)} (${context.entries.length} apps, ${context.files} files)`);

  started = Date.now();
  ensureBuildah();
  const base = ensureLocalBase();
  timings.push(`base ${seconds(started)}`);

  started = Date.now();
  buildImage(IMAGE_TAG, base);
  timings.push(`image ${seconds(started)}`);

  started = Date.now();
  await ensureStack({ services: false });
  const config = loadStackConfig();
  const database = new URL(config.postgres.appUrl);
  database.pathname = `${database.pathname}_image_check`;
  await ensureDatabases([{ variable: 'DATABASE_URL', url: database.toString() }]);
  timings.push(`stack ${seconds(started)}`);

  const port = servicePortBase() + 90;
  const image = imageConfig(IMAGE_TAG);
  const mounted = mountImage(IMAGE_TAG, CONTAINER_NAME);
  let child: ChildProcess | undefined;
  // Interrupted (Ctrl-C, CI cancelling): still stop the service and remove the container.
  const interrupted = (signal: NodeJS.Signals): void => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    mounted.remove();
    console.error(`[image-check] ${signal}: service stopped, container removed`);
    process.exit(1);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    prepareMountPoints(mounted.root);
    const logFile = path.join(stackPaths(stackDir(process.env)).logs, 'image-check.log');
    mkdirSync(path.dirname(logFile), { recursive: true });
    const env = {
      HTTP_PORT: String(port),
      KAFKA_BROKERS: config.kafka.brokers.join(','),
      SCHEMA_REGISTRY_URL: config.registry.url,
      DATABASE_URL: database.toString(),
      // Its own group and database: the check must not join the stack's ledger or move its watermark.
      KAFKA_CONSUMER_GROUP: `${consumerGroupOf('consent-ledger')}.image-check`,
      // Not local mode: the service must accept keys from outside, as in production.
      CONSENT_PSEUDONYM_KEY: randomBytes(24).toString('base64url'),
      DLQ_KEK_FILE: `${IMAGE_SECRETS}/dlq-keys`,
    };
    started = Date.now();
    child = startFromImage(mounted.root, image, env, logFile);
    const service = child;
    try {
      const exited = (): Error | null => (service.exitCode !== null || service.signalCode !== null ? new Error(`${APP} exited (${service.exitCode ?? service.signalCode}) before it was ready; see ${logFile}`) : null);
      const ready = await waitUntil(() => isReady(port), { timeoutMs: READY_TIMEOUT_MS, intervalMs: 1000, abortWith: exited });
      if (!ready) throw new Error(`${APP} from the image was not ready within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
      timings.push(`ready ${seconds(started)} (RSS ${residentMebibytes(service)} MiB)`);

      started = Date.now();
      const outcome = await stopGracefully(service);
      if (outcome !== 0 && outcome !== 143) throw new Error(`${APP} ended with ${outcome} after SIGTERM; see ${logFile}`);
      timings.push(`SIGTERM to exit ${seconds(started)} (exit ${outcome})`);
    } finally {
      if (service.exitCode === null && service.signalCode === null && service.pid) process.kill(-service.pid, 'SIGKILL');
    }

    started = Date.now();
    const month = new Date().toISOString().slice(0, 7);
    child = startFromImage(mounted.root, image, { DATABASE_URL: database.toString() }, logFile, ['consent-reports', 'coverage', '--month', month, '--json'], 'a');
    const report = await new Promise<number | string>((resolve) => child!.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
    const printed = readFileSync(logFile, 'utf8');
    if (report !== 0 || !printed.includes(`"month": "${month}"`)) throw new Error(`consent-reports coverage from the image ended with ${report}; see ${logFile}`);
    timings.push(`coverage report ${seconds(started)}`);
  } finally {
    mounted.remove();
  }
  console.log(`[image-check] passed: ${APP} from ${IMAGE_TAG} (user ${image.user}, read-only root) answered /health/ready 200 and stopped on SIGTERM; the coverage report ran from it`);
  console.log(`[image-check] ${timings.join('; ')}`);
}

/** Mount points and files the run script binds over; created in the container's own layer. */
function prepareMountPoints(root: string): void {
  for (const dir of ['proc', 'dev', 'tmp', 'etc']) mkdirSync(path.join(root, dir), { recursive: true });
  for (const file of ['etc/hosts', 'etc/resolv.conf']) writeFileSync(path.join(root, file), '', { flag: 'a' });
}

/** Where startFromImage puts the check's secret files inside the image (a tmpfs). */
const IMAGE_SECRETS = '/tmp/secrets';

/** A fresh dead-letter key ring, as the Secret `furnish-dlq-keys` would hold it (deploy/README.md). */
function writeSecrets(dir: string): string {
  const secrets = path.join(dir, 'image-check-secrets');
  mkdirSync(secrets, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(secrets, 'dlq-keys'), `image-check-1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return secrets;
}

/** The image's entry point with `args`, as its user, with its environment plus `env`; Node is PID 1 of a new PID namespace. */
function startFromImage(root: string, image: ImageConfig, env: Record<string, string>, logFile: string, args: readonly string[] = [APP], logMode: 'w' | 'a' = 'w'): ChildProcess {
  if (!/^[1-9]\d*(:\d+)?$/.test(image.user)) throw new Error(`the image must name a numeric non-root user (USER uid:gid), not "${image.user}"`);
  const userspec = image.user.includes(':') ? image.user : `${image.user}:${image.user}`;
  const assignments = [...image.env, ...Object.entries(env).map(([key, value]) => `${key}=${value}`)];
  const log = openSync(logFile, logMode);
  try {
    return spawn(
      'unshare',
      ['--mount', '--pid', '--fork', '--propagation', 'private', 'sh', '-c', RUN_SCRIPT, 'image-run', root, writeSecrets(path.dirname(logFile)), 'env', '-i', ...assignments, 'chroot', `--userspec=${userspec}`, root, ...image.entrypoint, ...args],
      { detached: true, stdio: ['ignore', log, log] },
    );
  } finally {
    closeSync(log);
  }
}

async function isReady(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.status === 200;
}

/** The service's resident memory now, for the log (its Deployment's memory limit is sized from RSS). */
function residentMebibytes(child: ChildProcess): string {
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${servicePid(child)}/status`, 'utf8'))?.[1];
    return rss ? (Number(rss) / 1024).toFixed(0) : '?';
  } catch {
    return '?';
  }
}

/** The service's host pid: the one child of `unshare --fork`. */
function servicePid(child: ChildProcess): number {
  const pid = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error('cannot find the service process under unshare');
  return pid;
}

/** SIGTERM to the service itself (PID 1 of its namespace), as the kubelet sends it; its exit code. */
async function stopGracefully(child: ChildProcess): Promise<number | string> {
  const service = servicePid(child);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  process.kill(service, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
  const outcome = await Promise.race([exited, timeout]);
  if (outcome === 'timeout') throw new Error(`${APP} did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  return outcome;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[image-check] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
