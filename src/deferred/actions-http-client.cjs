// Stands in for @actions/http-client inside dist/ only: tsconfig.json "paths", which ncc honours,
// sends the package's importers here. @actions/core imports it, and undici 6 with it, at start-up
// just for getIDToken, which this action never calls: parsing and running that code was most of
// the action's start-up time. The real package is bundled on its own into
// dist/actions-http-client/ and loaded from there, by Node's own require, on first use.
'use strict'
/* global __non_webpack_require__ -- webpack's name for Node's own require (webpack-globals.d.ts) */
const { defineLazyExports } = require('./lazy-exports.cjs')

defineLazyExports(exports, () => __non_webpack_require__('./actions-http-client/index.cjs'), [
  'HttpClient',
  'HttpClientError',
  'HttpClientResponse',
  'HttpCodes',
  'Headers',
  'MediaTypes',
  'getProxyUrl',
  'isHttps'
])
