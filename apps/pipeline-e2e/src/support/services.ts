import { instancePort, killService, loadStackConfig, signalService, stackDir, stackPaths, startService, stopService, type ServiceName } from '@furnish/tools-stack';

/** Stops, crashes and restarts the services that `npm test` started, through the stack's own supervisor. */
export const services = {
  paths: stackPaths(stackDir(process.env)),
  config: loadStackConfig(process.env),
  start(name: ServiceName, replica = 0, env: Record<string, string> = {}) {
    return startService(name, this.config, this.paths, replica, env);
  },
  stop(name: ServiceName, replica = 0) {
    return stopService(name, this.paths, replica);
  },
  kill(name: ServiceName, replica = 0) {
    return killService(name, this.paths, replica);
  },
  signal(name: ServiceName, signal: NodeJS.Signals, replica = 0) {
    return signalService(name, signal, this.paths, replica);
  },
  metricsUrl(name: ServiceName, replica = 0) {
    return `http://127.0.0.1:${instancePort(name, replica)}/metrics`;
  },
};
