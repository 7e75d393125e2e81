import path from 'node:path';
import { WORKSPACE_ROOT } from '../stack/stack-paths';
import { assembleImageContext, IMAGE_CONTEXT_DIR } from './image-context';

/** `npm run build`: compiles the apps and assembles the image's build context in dist/image/. */
async function main(): Promise<void> {
  const started = Date.now();
  const summary = await assembleImageContext();
  console.log(`[build] ${summary.entries.length} apps (${summary.entries.join(', ')}): ${summary.files} compiled files, packages ${summary.packages.join(', ')}`);
  console.log(`[build] ${path.relative(WORKSPACE_ROOT, IMAGE_CONTEXT_DIR)}/ assembled with ${summary.packageDirs} production packages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(`[build] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
