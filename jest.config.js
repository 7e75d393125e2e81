// Two suites: `unit` (pure logic, no I/O, runs anywhere) and `integration` (real Kafka, schema
// registry and PostgreSQL from `npm run stack:up`; run in band because they share one broker).
'use strict';
const preset = require('./jest.preset');

module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '\\.integration\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'],
    },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.{integration,e2e}.spec.ts'],
      slowTestThreshold: 60,
      setupFilesAfterEnv: ['<rootDir>/tools/test/integration.setup.ts'],
    },
  ],
};
