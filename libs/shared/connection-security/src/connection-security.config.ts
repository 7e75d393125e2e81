import { z } from 'zod';

const optionalPath = z.string().min(1, 'must be a file path').optional();
const optionalText = z.string().min(1, 'must not be empty').optional();

export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;

/**
 * Variables for secured connections to Kafka, the schema registry and PostgreSQL (docs/configuration.md,
 * "Secured connections"). Secrets are only ever file paths (mounted Kubernetes Secrets), never values.
 */
export const CONNECTION_SECURITY_ENV = {
  KAFKA_SSL: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  KAFKA_SSL_CA_FILE: optionalPath,
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS, { error: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` }).optional(),
  KAFKA_SASL_USERNAME: optionalText,
  KAFKA_SASL_PASSWORD_FILE: optionalPath,
  SCHEMA_REGISTRY_USERNAME: optionalText,
  SCHEMA_REGISTRY_PASSWORD_FILE: optionalPath,
  SCHEMA_REGISTRY_TOKEN_FILE: optionalPath,
  SCHEMA_REGISTRY_CA_FILE: optionalPath,
  DATABASE_SSL_CA_FILE: optionalPath,
  /** `local` relaxes the production rules (credentials over plaintext); see consent-database.config. */
  FURNISH_ENV: z.string().optional(),
};

export type ConnectionSecuritySettings = z.infer<z.ZodObject<typeof CONNECTION_SECURITY_ENV>>;
