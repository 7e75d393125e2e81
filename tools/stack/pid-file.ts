import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const pidRecordSchema = z.object({
  pid: z.number().int().positive(),
  /** A substring of the process's command line; guards against a recycled pid. */
  marker: z.string().min(1),
  command: z.string(),
  startedAt: z.string(),
});
export type PidRecord = z.infer<typeof pidRecordSchema>;

export function readPidRecord(file: string): PidRecord | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = pidRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writePidRecord(file: string, record: PidRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

export function removePidFile(file: string): void {
  rmSync(file, { force: true });
}
