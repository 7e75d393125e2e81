import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './command.runner';
import { fetchMarker } from './fetch-marker';
import { DEPENDENCY_PLUGIN, runMaven } from './maven.runner';

export function apicurioArtifact(version: string): string {
  return `io.apicurio:apicurio-registry-app:${version}:tar.gz:all`;
}

/** Downloads the Apicurio Registry app (Quarkus fast-jar tarball) and unpacks it into `home`. */
export async function fetchApicurio(home: string, version: string): Promise<'cached' | 'fetched'> {
  if (fetchMarker.isComplete(home)) return 'cached';
  fetchMarker.discardIncomplete(home);
  const download = path.join(home, 'download');
  mkdirSync(download, { recursive: true });
  await runMaven([`${DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${apicurioArtifact(version)}`, `-DoutputDirectory=${download}`], {
    cwd: home,
    purpose: `fetching Apicurio Registry ${version} from Maven Central`,
  });
  const [tarball] = readdirSync(download).filter((file) => file.endsWith('.tar.gz'));
  if (!tarball) throw new Error(`Maven reported success but ${download} holds no .tar.gz`);
  await runCommand('tar', ['-xzf', path.join(download, tarball), '--no-same-owner', '-C', home], {
    purpose: `unpacking ${tarball}`,
  });
  // The tarball stays in ~/.m2; a second copy here would only cost 150 MB.
  rmSync(download, { recursive: true, force: true });
  fetchMarker.markComplete(home);
  return 'fetched';
}
