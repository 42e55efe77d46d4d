'use strict';
// Moved to the dev library: dev/queue/services.js.
module.exports = require('../../dev/queue/services');
