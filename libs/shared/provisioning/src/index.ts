export * from './errors';
export * from './topic-settings';
export * from './topic-plan';
export * from './topics.provisioner';
export * from './schemas.provisioner';
export * from './provisioning.runner';
