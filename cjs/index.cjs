// `require('gauntlet')` from CommonJS. Gauntlet ships one build, ESM; this file only hands it
// over through Node's own require(esm) (Node >= 20.19), so a CommonJS caller gets the very same
// module instance an `import` gets.
//
// Why not let `require` resolve to dist/index.js directly: in a CommonJS project the CLI loads
// gauntlet.config.ts (and load suites, experiments, provider states) through tsx, whose require
// hook transpiles ESM it meets into a second, CommonJS copy of the whole library and of its
// dependencies, under its own cache namespace. undici re-evaluated half-way in that namespace
// threw `TypeError: Illegal constructor` from `import { defineConfig } from 'gauntlet'`
// (test/cli/config-commonjs.int.test.ts). createRequire(__filename) resolves outside that
// namespace, so tsx hands the file to Node's own loader.
module.exports = require('node:module').createRequire(__filename)('../dist/index.js');
