'use strict';
// Moved to the dev library (shared with scripts/bench/queue.mjs): dev/queue/workflows.js.
module.exports = require('../../dev/queue/workflows');
