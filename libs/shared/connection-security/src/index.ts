export * from './connection-security.config';
export * from './connection-security';
export * from './connection-settings';
