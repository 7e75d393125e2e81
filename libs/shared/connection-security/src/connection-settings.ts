import type { ConnectionSecuritySettings } from './connection-security.config';

/** The security variables plus the URLs they apply to (schemes decide what is plaintext). */
export type ConnectionSettingsInput = Partial<ConnectionSecuritySettings> & {
  readonly SCHEMA_REGISTRY_URL?: string;
  readonly DATABASE_URL?: string;
};
