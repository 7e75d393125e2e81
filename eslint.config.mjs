import nx from '@nx/eslint-plugin';

const runtimeDeps = ['kafkajs', 'typeorm', 'pg', '@nestjs/*', 'prom-client'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/node_modules', '**/dist', '.stack', 'tmp', 'out', '.nx', '**/*.js', '**/*.mjs'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:contract', 'type:util', 'type:domain'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contract', 'type:util'], bannedExternalImports: ['kafkajs'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contract', 'type:util'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:util'], bannedExternalImports: runtimeDeps },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: runtimeDeps },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: runtimeDeps },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:data-access', 'type:domain', 'type:tool'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:tool', 'type:data-access', 'type:domain', 'type:contract', 'type:util', 'type:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The filter releases to a bureau only the kinds of event its minimisation policy sends (MinimisationPolicy.events).
            { sourceTag: 'scope:consent', onlyDependOnLibsWithTags: ['scope:consent', 'scope:shared', 'scope:minimisation-policy'] },
            // The minimiser appends its rejections to the consent audit trail through the release lib only.
            { sourceTag: 'scope:minimisation', onlyDependOnLibsWithTags: ['scope:minimisation', 'scope:shared', 'scope:consent-release'] },
            // The formatter re-checks consent at release through the consent release gate only.
            { sourceTag: 'scope:bureau', onlyDependOnLibsWithTags: ['scope:bureau', 'scope:shared', 'scope:consent-release'] },
            // Workspace tools and the end-to-end tests span the whole pipeline.
            { sourceTag: 'scope:workspace', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];
