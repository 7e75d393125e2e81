import path from 'node:path';
import { buildProject } from './service-build';

/** The `build` target of an apps/ or libs/ project: `node tools/run.js tools/stack/service-build.cli.ts <projectRoot>`. */
async function main(): Promise<void> {
  const [projectRoot] = process.argv.slice(2);
  if (!projectRoot) throw new Error('usage: service-build.cli.ts <projectRoot>');
  const files = await buildProject(projectRoot);
  console.log(`[build] ${projectRoot}: ${files} files → ${path.join('dist', 'services', projectRoot)}`);
}

main().catch((error: unknown) => {
  console.error(`[build] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
