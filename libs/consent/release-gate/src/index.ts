export * from './consent-release-gate';
export * from './release-gate.metrics';
export * from './consent-release-gate.providers';
export * from './open-release-gate';
export * from './stage-audit-trail';
export * from './consent-invalidation';
export * from './upstream-corrections';
