'use strict';
// The stand-in core lives in the dev library (dev/standin/core.js: usage at its top), shared by tests and scripts/.
module.exports = require('../../../dev/standin/core');
