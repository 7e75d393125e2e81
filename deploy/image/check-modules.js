// Image build check (stage 1 of the Containerfile): every package that a compiled module of the
// apps requires resolves from the image's node_modules with the base image's Node. Exits 1 naming
// each missing one. Plain JavaScript: it runs inside the image build, with no tools installed.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { builtinModules, createRequire } = require('node:module');
const path = require('node:path');

const root = path.resolve(process.argv[2] ?? '/app');
const builtins = new Set(builtinModules);

function compiledFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return compiledFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

const missing = [];
let checked = 0;
for (const file of ['apps', 'libs'].flatMap((dir) => compiledFiles(path.join(root, dir)))) {
  const requireFrom = createRequire(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
    if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
    checked++;
    try {
      requireFrom.resolve(specifier);
    } catch {
      missing.push(`${path.relative(root, file)}: ${specifier}`);
    }
  }
}
if (missing.length > 0) {
  console.error(`check-modules: ${missing.length} requires do not resolve in the image:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
const apps = readdirSync(path.join(root, 'apps'));
console.log(`check-modules: ${checked} requires resolve; apps in the image: ${apps.join(', ')} (Node ${process.version})`);
