import { Client } from 'pg';
import { PipelineClient } from '@furnish/tools-kafka';
import { ConsentAudit } from './consent-audit';
import { TEST_DATABASE_URL } from './scenario';

/**
 * What a consent e2e suite talks to — Kafka, the audit reader and a connection to the consent database —
 * opened before its tests and closed after them. Call it at the top of a `describe`.
 */
export function suiteClients(): { readonly kafka: PipelineClient; readonly audit: ConsentAudit; readonly db: Client } {
  const clients = { kafka: new PipelineClient(), audit: new ConsentAudit(), db: new Client({ connectionString: TEST_DATABASE_URL }) };
  beforeAll(() => clients.db.connect());
  afterAll(async () => {
    await clients.kafka.close();
    await clients.audit.close();
    await clients.db.end();
  });
  return clients;
}
