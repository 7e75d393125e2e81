import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { IMAGE_CONTEXT_DIR } from './image-context';

export const CONTAINERFILE = path.join(__dirname, '..', '..', 'deploy', 'image', 'Containerfile');
const INSTALL_SCRIPT = path.join(__dirname, 'install-buildah.sh');
const LOCAL_BASE_SCRIPT = path.join(__dirname, 'local-base.sh');

export class BuildahError extends Error {
  override readonly name = 'BuildahError';
}

/** Runs a command to completion; throws with its output when it fails. */
function run(command: string, args: readonly string[], options: { inherit?: boolean } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: options.inherit ? 'inherit' : 'pipe', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new BuildahError(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})${options.inherit ? '' : `:\n${result.stdout}${result.stderr}`}`);
  }
  return (result.stdout ?? '').trim();
}

export const buildah = (...args: string[]): string => run('buildah', args);

export function ensureBuildah(): void {
  run('sh', [INSTALL_SCRIPT], { inherit: true });
}

/** The locally assembled Node base (tools/deploy/local-base.sh), named after this machine's Node. */
export function ensureLocalBase(): string {
  const name = `localhost/furnish-node-base:${process.version.slice(1)}`;
  run('sh', [LOCAL_BASE_SCRIPT, name], { inherit: true });
  return name;
}

/**
 * `buildah bud` of deploy/image/Containerfile on dist/image/. Chroot isolation: the OCI runtime
 * (crun) is refused cgroup and rlimit set-up in this sandbox; the Containerfile's one RUN needs no
 * isolation beyond a chroot.
 */
export function buildImage(tag: string, baseImage: string): void {
  const previous = imageId(tag);
  run('buildah', ['bud', '--isolation', 'chroot', '--quiet', '-f', CONTAINERFILE, '--build-arg', `BASE_IMAGE=${baseImage}`, '-t', tag, IMAGE_CONTEXT_DIR], { inherit: true });
  // The tag moved to the new image: remove the old one rather than leave it behind, untagged, on every run.
  if (previous && previous !== imageId(tag)) spawnSync('buildah', ['rmi', previous], { stdio: 'ignore' });
}

function imageId(name: string): string | undefined {
  const result = spawnSync('buildah', ['images', '--quiet', '--no-trunc', name], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().split('\n')[0] || undefined : undefined;
}

/** The parts of an image's OCI config that decide how it runs. */
export interface ImageConfig {
  readonly user: string;
  readonly env: readonly string[];
  readonly entrypoint: readonly string[];
  readonly workingDir: string;
}

export function imageConfig(image: string): ImageConfig {
  // buildah 1.28 (Debian bookworm) has no `json` template function: read the whole document.
  const inspected = JSON.parse(buildah('inspect', '--type', 'image', image)) as { OCIv1?: { config?: { User?: string; Env?: string[]; Entrypoint?: string[]; WorkingDir?: string } } };
  const config = inspected.OCIv1?.config ?? {};
  return { user: config.User ?? '', env: config.Env ?? [], entrypoint: config.Entrypoint ?? [], workingDir: config.WorkingDir ?? '/' };
}

/** A working container of `image` with its root filesystem mounted on the host. */
export interface MountedContainer {
  readonly container: string;
  readonly root: string;
  /** Unmounts and removes the container; safe to call twice. */
  remove(): void;
}

export function mountImage(image: string, name: string): MountedContainer {
  spawnSync('buildah', ['rm', name], { stdio: 'ignore' }); // a leftover of an interrupted run
  const container = buildah('from', '--name', name, image);
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    spawnSync('buildah', ['unmount', container], { stdio: 'ignore' });
    spawnSync('buildah', ['rm', container], { stdio: 'ignore' });
  };
  try {
    return { container, root: buildah('mount', container), remove };
  } catch (error) {
    remove();
    throw error;
  }
}
