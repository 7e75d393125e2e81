#!/usr/bin/env node
// Launches a TypeScript entry point of the workspace. Plain JavaScript on purpose: it must run on a
// fresh clone before dependencies exist, install them when missing, and only then load the
// swc TypeScript loader, which honours tsconfig paths so '@furnish/*' imports resolve to libs/.
'use strict';
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
if (!existsSync(path.join(root, 'node_modules', '@swc-node', 'register'))) {
  // npm install, not npm ci: see .ci/run (the lockfile still pins every version).
  console.log('[furnish] dependencies missing: running npm install');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.json');
require('@swc-node/register');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/run.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(root, entry), ...args];
require(path.resolve(root, entry));
