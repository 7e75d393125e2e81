import { killService, loadStackConfig, stackDir, stackPaths, startService, stopService, type ServiceName } from '@furnish/tools-stack';

/** Stops, crashes and restarts the services that `npm test` started, through the stack's own supervisor. */
export const services = {
  paths: stackPaths(stackDir(process.env)),
  config: loadStackConfig(process.env),
  start(name: ServiceName) {
    return startService(name, this.config, this.paths);
  },
  stop(name: ServiceName) {
    return stopService(name, this.paths);
  },
  kill(name: ServiceName) {
    return killService(name, this.paths);
  },
};
