'use strict';
// Moved to dev/context/webhook.js.
module.exports = require('../../dev/context/webhook');
