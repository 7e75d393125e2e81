import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { stackDir, stackPaths } from '@furnish/tools-stack';

/** Every log file the local stack writes (`.stack/logs/*.log`: the services, Kafka and the registry). */
export function readStackLogs(dir: string = stackPaths(stackDir(process.env)).logs): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.log'))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }));
}
