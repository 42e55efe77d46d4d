'use strict';
// Moved to the dev library: dev/standin/kaizala.
module.exports = require('../../dev/standin/kaizala');
