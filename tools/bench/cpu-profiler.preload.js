// Loaded into a service by the pipeline bench with NODE_OPTIONS="--require <this file>" (Node 20
// refuses --cpu-prof in NODE_OPTIONS, and --cpu-prof would only write its profile on a normal exit,
// which Nest's SIGTERM handling never makes: it re-raises the signal). Plain JavaScript because it
// runs before the TypeScript loader.
//
// With FURNISH_CPU_PROFILE_DIR set, SIGUSR2 starts the V8 sampling profiler (1 ms interval, as
// --cpu-prof) and the next SIGUSR2 stops it and writes <dir>/<FURNISH_CPU_PROFILE_NAME>-<pid>-<n>.cpuprofile
// (written to a temporary name, then renamed, so a reader never sees half a file). So the profile
// covers exactly the window the bench measures, not the start-up.
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.FURNISH_CPU_PROFILE_DIR;
if (dir) {
  const name = process.env.FURNISH_CPU_PROFILE_NAME || 'service';
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params || {}, (error, result) => (error ? reject(error) : resolve(result))));
  let running = false;
  let busy = false;
  let count = 0;
  const toggle = async () => {
    if (busy) return;
    busy = true;
    try {
      if (!running) {
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', { interval: 1000 });
        await post('Profiler.start');
        running = true;
        fs.writeFileSync(path.join(dir, `${name}-${process.pid}.started`), String(Date.now()));
      } else {
        const { profile } = await post('Profiler.stop');
        running = false;
        count += 1;
        const file = path.join(dir, `${name}-${process.pid}-${count}.cpuprofile`);
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(profile));
        fs.renameSync(`${file}.tmp`, file);
      }
    } catch (error) {
      process.stderr.write(`cpu-profiler preload: ${error && error.message ? error.message : String(error)}\n`);
    } finally {
      busy = false;
    }
  };
  process.on('SIGUSR2', () => void toggle());
}
