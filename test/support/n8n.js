'use strict';
// The n8n harness lives in the dev library (dev/n8n/: index.js documents it), shared with scripts/.
module.exports = require('../../dev/n8n');
