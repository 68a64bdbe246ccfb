/** In dist/, webpack makes this Node's own `require`, resolving paths beside dist/index.js. */
declare const __non_webpack_require__: NodeJS.Require
