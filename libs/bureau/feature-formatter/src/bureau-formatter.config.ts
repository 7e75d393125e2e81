import { z } from 'zod';
import { env } from '@furnish/shared-util-config';
import { STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';

export const bureauFormatterConfigSchema = z.object({ ...STAGE_RUNTIME_ENV, HTTP_PORT: env.port(9104) });
export type BureauFormatterConfig = z.infer<typeof bureauFormatterConfigSchema>;
