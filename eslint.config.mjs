// npm run lint. Typed linting (typescript-eslint's projectService reads tsconfig.json) of the
// TypeScript in the rooms; formatting is left alone (no Prettier, no style presets).
//
// Where the rules come from:
// - temporalio/sdk-typescript eslint.config.mjs: eqeqeq (always, null ignored), object-shorthand,
//   @typescript-eslint/no-floating-promises, @typescript-eslint/consistent-type-imports (type
//   imports on their own line), @typescript-eslint/no-unused-vars with `_` prefixes ignored.
// - temporalio/samples-typescript .shared/.eslintrc.js: no-floating-promises ("forgetting to
//   await Activities and Workflow APIs is bad"), object-shorthand, no-unused-vars (`_` ignored), and
//   for workflow files no-restricted-imports of Node's built-in modules.
// - @typescript-eslint/no-require-imports comes from typescript-eslint's recommended set, which
//   both extend; here it gives db/client.ts's disable comments something to disable.
// The SDK's import/no-cycle is dependency-cruiser's no-circular here (.dependency-cruiser.cjs).
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const ROOMS = [
  'domain', 'workflows', 'activities', 'mail', 'db', 'security', 'gateway', 'audit', 'use-cases',
  'api', 'worker', 'telemetry', 'config', 'devtools', 'scripts', 'test',
];

// Workflow code runs in Temporal's deterministic sandbox: no I/O, no host clock, no Node.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const workflowRestrictions = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins do not belong in workflow code: do the I/O in an activity.' })),
  patterns: [
    { regex: '^node:', message: 'Node built-ins do not belong in workflow code: do the I/O in an activity.' },
    { group: ['@prisma/*', '**/generated/*', '**/generated/**'], message: 'The database is reached from activities, never from a workflow.' },
    { group: ['nodemailer', 'nodemailer/*'], message: 'Mail goes out from activities through the outbox, never from a workflow.' },
    {
      group: ['@temporalio/client', '@temporalio/client/*', '@temporalio/worker', '@temporalio/worker/*', '@temporalio/activity', '@temporalio/activity/*'],
      message: 'Workflow code imports @temporalio/workflow only.',
    },
    // Relative paths, so a regular expression: `../db`, `../db/client`, `../../db/…`.
    { regex: '(^|/)(db|api|mail|config)(/|$)', message: 'Workflows import only domain/, workflows/ and @temporalio/workflow.' },
    // Activities reach a workflow as types for proxyActivities, never as code.
    { regex: '(^|/)activities(/|$)', allowTypeImports: true, message: 'Workflows import activities with `import type` only.' },
  ],
};

export default defineConfig(
  {
    ignores: ['web/**', 'generated/**', '**/node_modules/**', 'dist/**', '.tools/**', 'var/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  {
    files: ROOMS.map((room) => `${room}/**/*.ts`),
    plugins: { '@typescript-eslint': tseslint.plugin },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'object-shorthand': ['error', 'always'],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-require-imports': 'error',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', workflowRestrictions],
    },
  },
);
