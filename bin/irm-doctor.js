#!/usr/bin/env node
// Thin launcher: the CLI itself is TypeScript, compiled to dist/ by `npm run build` (run on install).
require('../dist/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exitCode = 1; },
);
