'use strict';
// Moved to the dev library: dev/standin/apiv1.
module.exports = require('../../dev/standin/apiv1');
