// ESLint flat config for the whole repository: typescript-eslint strictTypeChecked on every
// TypeScript file (types from the nearest tsconfig.json through the project service), the plain
// recommended rules on JavaScript, and eslint-config-prettier last so formatting is Prettier's.

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['**/dist/', '**/node_modules/', '**/coverage/', '.deuro/', 'crypto-config/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2022,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      complexity: ['error', 10],
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
      // node:test's describe/it/test return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'suite', 'test'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Chaincode must be deterministic: every endorser computes the same result.
    files: ['chaincode/src/**/*.ts'],
    ignores: ['chaincode/src/**/*.test.ts', 'chaincode/src/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message:
            'Chaincode reads the transaction timestamp (ledger/tx-time.ts), never the clock.',
        },
        {
          object: 'Math',
          property: 'random',
          message: 'Chaincode must be deterministic: no randomness.',
        },
        {
          object: 'crypto',
          property: 'randomBytes',
          message: 'Chaincode must be deterministic: no randomness.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            'Chaincode reads the transaction timestamp (ledger/tx-time.ts), never the clock.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message:
            'Chaincode reads the transaction timestamp (ledger/tx-time.ts), never the clock.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'node:crypto',
              importNames: ['randomBytes', 'randomUUID', 'randomInt', 'getRandomValues'],
              message: 'Chaincode must be deterministic: no randomness.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
