// Lint for the whole workspace. The module-boundary rule is the architecture made executable:
// pure `type:domain` / `type:predict` code cannot reach I/O, apps never import each other,
// and one scope reaches another only through `type:contracts`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

// node:crypto stays allowed: hashing and signatures are pure computation, not I/O.
const ioModules = ['@nestjs/*', 'kafkajs', 'pg', 'mqtt', '@grpc/*', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process', 'dgram', 'node:dgram'];


const typeConstraints = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'], bannedExternalImports: ioModules },
  { sourceTag: 'type:predict', onlyDependOnLibsWithTags: ['type:predict', 'type:domain', 'type:contracts'], bannedExternalImports: ioModules },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: ['@nestjs/*', 'kafkajs', 'pg', 'mqtt'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:adapter', 'type:util', 'type:contracts', 'type:domain', 'type:predict'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:adapter', 'type:util', 'type:contracts', 'type:domain', 'type:testing'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:adapter', 'type:util', 'type:contracts', 'type:domain', 'type:predict', 'type:testing'] },
];

const scopeConstraints = [
  { sourceTag: 'scope:twin', onlyDependOnLibsWithTags: ['scope:twin', 'scope:shared'] },
  { sourceTag: 'scope:ingest', onlyDependOnLibsWithTags: ['scope:ingest', 'scope:shared'] },
  { sourceTag: 'scope:predict', onlyDependOnLibsWithTags: ['scope:predict', 'scope:shared'] },
  { sourceTag: 'scope:maintenance', onlyDependOnLibsWithTags: ['scope:maintenance', 'scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];

/** Tests may use any pure lib and the test harness for fixtures (e.g. the simulator's ground truth); production code may not. */
const testTypeConstraints = typeConstraints.map((c) => ({ ...c, onlyDependOnLibsWithTags: [...new Set([...c.onlyDependOnLibsWithTags, 'type:testing', 'type:predict', 'type:domain'])] }));

const boundaries = (depConstraints) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '**/.data/**', 'tools/kafka/target/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries([...typeConstraints, ...scopeConstraints]),
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-support.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testTypeConstraints) },
  },
);
