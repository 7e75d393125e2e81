import { z } from 'zod';
import { env } from '@furnish/shared-util-config';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';

export const minimiserConfigSchema = z.object({ ...STAGE_RUNTIME_ENV, HTTP_PORT: env.port(9103) });
export type MinimiserConfig = z.infer<typeof minimiserConfigSchema>;
