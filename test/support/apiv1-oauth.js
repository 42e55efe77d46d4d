'use strict';
// Moved to the dev library: dev/standin/apiv1/oauth.
module.exports = require('../../dev/standin/apiv1/oauth');
