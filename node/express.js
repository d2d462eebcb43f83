'use strict';
// omg-payment/express: notification middleware for Express 4 and 5 (see lib/express.js).
module.exports = require('./lib/express');
