// Entry of dist/actions-http-client/index.cjs: the real @actions/http-client, which the stand-in
// actions-http-client.cjs loads on first use. A path, because the bare name leads to the stand-in.
module.exports = require('../../node_modules/@actions/http-client/lib/index.js')
