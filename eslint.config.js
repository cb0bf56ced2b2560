// ESLint flat config: typescript-eslint's type-checked recommended rules over the TypeScript of
// src, test and bench; the plain recommended rules over the JavaScript (bin, scripts, the browser
// scripts under src/adapters/http/public). Formatting is Prettier's job (eslint-config-prettier
// turns off every rule that would fight it). `npm run lint` runs both.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.data/', 'var/', 'test-artifacts/', 'bench/out/', 'test/fixtures/', 'examples/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Ports return promises; in-memory adapters and test fakes implement them with `async` methods
      // that have nothing to await, so that a throw becomes a rejection exactly as in the database
      // adapters (callers `.catch` and `await` them alike).
      '@typescript-eslint/require-await': 'off',
      // `_`-prefixed names are parameters a signature needs (ports, Koa middleware, JSON replacers)
      // and elements skipped when destructuring; the prefix is how the code says "deliberately unused".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Numbers, booleans and nulls in template literals are what messages and SQL fragments are made
      // of here; objects and unknowns (which would print "[object Object]") stay forbidden.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
    },
  },
  {
    // Koa types `next()` as Promise<any> (and koa-csrf's middleware as any): returning it is the
    // middleware protocol itself, so the HTTP adapter's middleware may hand it back as it is.
    files: ['src/adapters/http/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-return': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read documents whose shape is the very thing they assert: Kubernetes manifests and
      // fixtures parsed from YAML, the JSON the CLI prints, response bodies, values handed back by the
      // browser. Typing each as an interface would be a cast that proves nothing; the expect() does.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Tests keep `process.stdout.write` and the like aside to put them back afterwards; they never
      // call the saved reference.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    // As in the TypeScript: a caught error the handler does not need stays named (the browser
    // scripts keep `catch (e)`, written for older browsers than optional catch bindings).
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    // Scripts served to the browser as they are (no bundler): browser globals, classic scripts.
    files: ['src/adapters/http/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  prettier,
);
