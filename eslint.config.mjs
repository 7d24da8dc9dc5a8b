// Lint rules. The one that matters most: src/engine stays pure TypeScript, so a port from
// botbuilder to the Microsoft 365 Agents SDK (or any other host) never touches it.
import tseslint from 'typescript-eslint';

const sdkImports = {
  patterns: [
    { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'src/engine must not depend on the Bot Framework SDK.' },
    { group: ['restify', 'restify-*'], message: 'src/engine must not depend on the HTTP server.' },
    { group: ['@azure/*', 'applicationinsights', '@microsoft/*'], message: 'src/engine must not depend on Azure or Microsoft SDK packages.' },
    { group: ['adaptivecards*'], message: 'src/engine does not render cards; src/cards does.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test-output/**', 'devTools/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', sdkImports],
      // The engine is pure: no I/O either, so it runs the same in a bot, a CLI and a test.
      'no-restricted-globals': ['error', { name: 'process', message: 'src/engine is pure: pass configuration in.' }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
