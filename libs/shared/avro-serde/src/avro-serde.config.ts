import { z } from 'zod';
import { env, loadConfig } from '@furnish/shared-util-config';
import { DEFAULT_MAX_COLLECTION_ITEMS, type AvroDecodeLimits } from './bounded-decoding';

/** Environment variables the serde reads (documented in docs/configuration.md). */
export const AVRO_SERDE_ENV = {
  AVRO_MAX_COLLECTION_ITEMS: env.int(DEFAULT_MAX_COLLECTION_ITEMS, 1, 100_000_000),
};

export const avroSerdeConfigSchema = z.object(AVRO_SERDE_ENV);

/** The decode limits from the environment; a ConfigError names the variable when one is invalid. */
export function decodeLimitsFromEnv(environment: NodeJS.ProcessEnv = process.env): AvroDecodeLimits {
  return { maxCollectionItems: loadConfig(avroSerdeConfigSchema, environment).AVRO_MAX_COLLECTION_ITEMS };
}
