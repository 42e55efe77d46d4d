'use strict';
// The unit harness lives in the dev library (dev/context/: index.js documents it), shared with scripts/bench.
module.exports = require('../../dev/context');
