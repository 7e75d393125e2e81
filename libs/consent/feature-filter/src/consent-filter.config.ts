import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';
import { env } from '@furnish/shared-util-config';
import { CONSENT_DATABASE_ENV, LEDGER_WATERMARK_ENV } from '@furnish/consent-data-access';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';

/** Heap per cached borrower, measured with 60% of borrowers holding one grant (docs/consent.md). */
export const CACHED_BORROWER_BYTES = 560;

const mib = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MiB`;

export const consentFilterConfigSchema = z.object({
  ...STAGE_RUNTIME_ENV,
  HTTP_PORT: env.port(9102),
  ...CONSENT_DATABASE_ENV,
  ...LEDGER_WATERMARK_ENV,
  /** How long an event id stays decided: a later delivery within it is suppressed as a duplicate. */
  CONSENT_IDEMPOTENCY_WINDOW_DAYS: env.int(400, 1, 3_650),
  CONSENT_CACHE_MAX_BORROWERS: env.int(50_000, 0, 50_000_000).superRefine((borrowers, ctx) => {
    const limit = getHeapStatistics().heap_size_limit;
    if (borrowers * CACHED_BORROWER_BYTES <= limit / 2) return;
    ctx.addIssue({
      code: 'custom',
      message: `${borrowers} cached borrowers need about ${mib(borrowers * CACHED_BORROWER_BYTES)} of heap, more than half of this process's ${mib(limit)} limit; lower it or raise --max-old-space-size`,
    });
  }),
});
export type ConsentFilterConfig = z.infer<typeof consentFilterConfigSchema>;
