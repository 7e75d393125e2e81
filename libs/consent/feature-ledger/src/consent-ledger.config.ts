import { z } from 'zod';
import { env } from '@furnish/shared-util-config';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';

export const consentLedgerConfigSchema = z.object({
  ...STAGE_RUNTIME_ENV,
  HTTP_PORT: env.port(9101),
  DATABASE_URL: env.url('postgres://postgres@127.0.0.1:5432/furnish', ['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: env.int(5, 1, 100),
});
export type ConsentLedgerConfig = z.infer<typeof consentLedgerConfigSchema>;
