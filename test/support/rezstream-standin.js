'use strict';
// The rezStream stand-in lives in the dev library: dev/standin/rezstream/ (index.js explains it).
module.exports = require('../../dev/standin/rezstream');
