#!/usr/bin/env node
// The image's entry point: picks the app by its first argument or FURNISH_APP and runs its compiled
// main.js in this same process, so Node stays PID 1 and receives SIGTERM itself. Plain JavaScript:
// it runs as it is, next to the compiled apps (apps/<name>/src/main.js).
'use strict';
const path = require('node:path');

const APPS = ['consent-ledger', 'consent-filter', 'minimiser', 'bureau-formatter', 'provisioner', 'consent-reports', 'dlq'];

function selectApp(argv, env) {
  const [first, ...rest] = argv;
  if (APPS.includes(first)) return { app: first, args: rest };
  const fromEnv = env.FURNISH_APP;
  if (fromEnv === undefined || fromEnv === '') {
    return { error: `name the app as the first argument or in FURNISH_APP: one of ${APPS.join(', ')}` };
  }
  if (!APPS.includes(fromEnv)) return { error: `FURNISH_APP must be one of ${APPS.join(', ')}` };
  return { app: fromEnv, args: argv };
}

// As PID 1, a signal with no listener is ignored, not fatal. Nest's shutdown hooks drain the stage,
// remove their own listener and send the signal again expecting the default action; this listener
// is then the only one left and provides it. Before the app has registered its hooks (start-up),
// or in an app with none (the provisioner), it ends the process the same way.
for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]]) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) process.exit(code);
  });
}

const selected = selectApp(process.argv.slice(2), process.env);
if (selected.error) {
  process.stderr.write(`furnish image: ${selected.error}\n`);
  process.exit(64);
}
const main = path.join(__dirname, 'apps', selected.app, 'src', 'main.js');
process.argv = [process.argv[0], main, ...selected.args];
require(main);
