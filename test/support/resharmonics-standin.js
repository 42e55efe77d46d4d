'use strict';
// The Res:harmonics stand-in lives in the dev library: dev/standin/resharmonics.
module.exports = require('../../dev/standin/resharmonics');
