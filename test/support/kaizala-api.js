'use strict';
// Moved to the dev library: dev/standin/kaizala/api.
module.exports = require('../../dev/standin/kaizala/api');
