'use strict';
// Moved to dev/standin/rezstream/demo-data.js.
module.exports = require('../../dev/standin/rezstream/demo-data');
