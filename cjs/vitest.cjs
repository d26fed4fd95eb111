// require('gauntlet/vitest') from CommonJS: the one ESM build, as in index.cjs.
module.exports = require('node:module').createRequire(__filename)('../dist/vitest/index.js');
