import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONSENT_MIGRATIONS } from '@furnish/consent-data-access';
import { ThrowawayDatabases } from '@furnish/consent-data-access/testing';
import { TOPIC_SPECS, TOPIC_VALUE_SCHEMAS, TOPICS } from '@furnish/shared-contracts';

// The provisioner as a process against the local stack (`npm run stack:up`), with a database of its own.
const ROOT = path.resolve(__dirname, '../../..');
const databases = new ThrowawayDatabases('furnish_provisioner_test');
let databaseUrl: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function provisioner(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['tools/run.js', 'apps/provisioner/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  databaseUrl = (await databases.create()).url;
});
afterAll(() => databases.dropAll());

describe('provisioner', () => {
  it('all: topics, schemas and migrations; a second run changes nothing', async () => {
    const first = await provisioner('all');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // The stack provisioned the topics already, with the same code and settings.
    expect(first.stdout).toContain(`[topics] ${TOPIC_SPECS.length} unchanged, 0 changed`);
    expect(first.stdout).toContain(`[schemas] ${Object.keys(TOPIC_VALUE_SCHEMAS).length} subjects registered (BACKWARD)`);
    for (const migration of CONSENT_MIGRATIONS) expect(first.stdout).toContain(`[migrate] applied ${migration.name}`);
    expect(first.stdout.indexOf('[topics]')).toBeLessThan(first.stdout.indexOf('[schemas]'));
    expect(first.stdout.indexOf('[schemas]')).toBeLessThan(first.stdout.indexOf('[migrate]'));

    const second = await provisioner('all');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('[migrate] no pending migrations');
    const ids = (run: Run) => run.stdout.split('\n').filter((line) => line.startsWith('[schemas] ') && line.includes(' id '));
    expect(ids(second)).toEqual(ids(first));
  });

  it('topics: refuses to shrink a topic, exits non-zero and changes nothing', async () => {
    const run = await provisioner('topics', '--partitions', `${TOPICS.loanEvents}=3`, '--retention-ms', '3600000');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${TOPICS.loanEvents}: has 6 partitions, 3 requested`);
    expect(run.stderr).toContain('nothing was changed');
    const after = await provisioner('topics');
    expect(after.stdout).toContain(`[topics] ${TOPIC_SPECS.length} unchanged, 0 changed`);
  });

  it('names the variable or flag that is wrong', async () => {
    const badConfig = await provisioner('topics', '--min-insync-replicas', '2');
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toContain('TOPIC_MIN_INSYNC_REPLICAS: must not exceed TOPIC_REPLICATION_FACTOR');
    const badUsage = await provisioner('shrink');
    expect(badUsage.code).toBe(2);
    expect(badUsage.stderr).toContain('unknown command shrink');
  });
});
