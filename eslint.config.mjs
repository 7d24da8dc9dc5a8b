// Lint rules. The ones that matter most: imports go one way, bot -> dialogs -> cards -> engine, and
// only src/bot (the host) knows the Bot Framework SDK, so a second host on the Microsoft 365 Agents
// SDK shares the engine, the cards and the conversation unchanged. test/dialogs/layerImports.test.ts
// checks these rules on the real configuration.
import tseslint from 'typescript-eslint';

/** Packages only a host may use: the bot SDKs, the HTTP server, Azure and Microsoft SDKs. */
const hostPackages = (layer) => [
  { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: `${layer} must not depend on the Bot Framework SDK: only src/bot (the host) does.` },
  { group: ['restify', 'restify-*'], message: `${layer} must not depend on the HTTP server.` },
  { group: ['@azure/*', 'applicationinsights', '@microsoft/*'], message: `${layer} must not depend on Azure or Microsoft SDK packages (the Agents SDK included): only a host does.` },
];

/** The layers above `layer`, which it must not import (relative paths, from anywhere below src/). */
const upward = (layer, above) => above.map((l) => ({
  group: [`../${l}`, `../${l}/**`, `../../${l}`, `../../${l}/**`, `../../../${l}/**`, `**/src/${l}/**`],
  message: `Imports go one way, bot -> dialogs -> cards -> engine: ${layer} must not import src/${l}.`,
}));

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
    files: ['src/dialogs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...hostPackages('src/dialogs'), ...upward('src/dialogs', ['bot', 'cli'])] }] },
  },
  {
    files: ['src/cards/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...hostPackages('src/cards'), ...upward('src/cards', ['dialogs', 'bot', 'cli'])] }] },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        ...hostPackages('src/engine'),
        { group: ['adaptivecards*'], message: 'src/engine does not render cards; src/cards does.' },
        ...upward('src/engine', ['cards', 'dialogs', 'bot', 'cli']),
      ] }],
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
