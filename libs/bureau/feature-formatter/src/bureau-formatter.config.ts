import { z } from 'zod';
import { env } from '@furnish/shared-util-config';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';
import { CONSENT_RELEASE_GATE_ENV } from '@furnish/consent-release-gate';
import { PUBLISHED_RECORD_KEY_ENV } from './published-record.sealer';

export const bureauFormatterConfigSchema = z.object({ ...STAGE_RUNTIME_ENV, HTTP_PORT: env.port(9104), ...CONSENT_RELEASE_GATE_ENV, ...PUBLISHED_RECORD_KEY_ENV });
export type BureauFormatterConfig = z.infer<typeof bureauFormatterConfigSchema>;
