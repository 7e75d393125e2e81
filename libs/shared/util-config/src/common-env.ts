import { z } from 'zod';

/** Reusable parsers for environment variables; each error message says what a valid value is. */
export const env = {
  brokers: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
      .pipe(
        z
          .array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each broker must be host:port'))
          .min(1, 'must list at least one broker as host:port[,host:port]'),
      ),
  url: (fallback: string, protocols: readonly string[]) =>
    z
      .string()
      .default(fallback)
      .refine((s) => {
        try {
          return protocols.includes(new URL(s).protocol);
        } catch {
          return false;
        }
      }, `must be a URL with scheme ${protocols.join(' or ')}`),
  int: (fallback: number, min: number, max: number) =>
    z.coerce
      .number({ error: `must be an integer between ${min} and ${max}` })
      .int(`must be an integer between ${min} and ${max}`)
      .min(min, `must be an integer between ${min} and ${max}`)
      .max(max, `must be an integer between ${min} and ${max}`)
      .default(fallback),
  port: (fallback: number) => env.int(fallback, 1, 65535),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
    z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback as never),
  text: (fallback: string) => z.string().min(1, 'must not be empty').default(fallback),
};
