// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Build output, test artefacts and vendored code are not ours to lint.
    ignores: ['node_modules/', 'dist/', 'dist-cli/', 'test-results/', 'playwright-report/', '.vitest/', '.vite/', '.bench-against/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      // The app runs in the browser; tools, tests and configs run in Node.
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        // Type information comes from tsconfig.json, the same project `npm run typecheck` checks.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // Unused names are already an error in tsc (noUnusedLocals/noUnusedParameters); a leading
      // underscore marks a parameter a callback signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Numbers in messages and keys (`${ms} ms`, `rep-${n}`) are the house style; objects and
      // nullish values in a template are still bugs.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Passing an async function as a DOM/React event handler or RxJS callback is the usual way to
      // start work from an event; a floating promise inside it is still caught by no-floating-promises.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, arguments: false } }],
      // The Web Bluetooth fakes (simulated device, test GATT) implement promise-returning APIs with
      // `async` methods so that a throw becomes a rejection, as in the browser; they need no await.
      '@typescript-eslint/require-await': 'off',
      // Passing on a rejection reason we were handed (typed unknown) is fine; new reasons must be Errors.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Hooks rules apply where React lives.
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Plain JS/CJS config files are outside tsconfig.json, so no type information for them.
    files: ['**/*.{js,cjs,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);
