// Stands in for @actions/exec inside dist/ only, like actions-http-client.cjs: @actions/core
// imports it (and child_process, net, assert) at start-up for core.platform, which this action
// never uses. It stays in dist/index.js, small as it is, and runs on first use.
'use strict'
const { defineLazyExports } = require('./lazy-exports.cjs')

defineLazyExports(exports, () => require('../../node_modules/@actions/exec/lib/exec.js'), [
  'exec',
  'getExecOutput'
])
