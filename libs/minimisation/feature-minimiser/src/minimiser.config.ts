import { z } from 'zod';
import { env } from '@furnish/shared-util-config';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';
import { CONSENT_AUDIT_ENV } from '@furnish/consent-release-gate';

/** The minimiser appends its rejections to the consent audit trail, so it needs the consent database (no pseudonym key). */
export const minimiserConfigSchema = z.object({ ...STAGE_RUNTIME_ENV, HTTP_PORT: env.port(9103), ...CONSENT_AUDIT_ENV });
export type MinimiserConfig = z.infer<typeof minimiserConfigSchema>;
