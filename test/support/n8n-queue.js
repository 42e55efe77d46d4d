'use strict';
// The queue-mode harness lives in the dev library: dev/queue/index.js (shared with scripts/).
module.exports = require('../../dev/queue');
