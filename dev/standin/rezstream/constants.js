'use strict';
/* Constants of the rezStream stand-in (see index.js for the sources). */
const crypto = require('crypto');

const SCOPE_GUEST = 'guest_communication';
const SCOPE_REVENUE = 'revenue_management';
const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'offline_access', SCOPE_GUEST, SCOPE_REVENUE];
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_RECORDED_REQUESTS = 50000;
const AUTH_CODE_TTL_MS = 5 * 60 * 1000; // ASSUMPTION: OpenIddict default code lifetime
const CALENDAR_MAX_DAYS = 366;
const NIGHTLY_MAX_DAYS = 1096; // ASSUMPTION: an older Postman sample asked for ~17 months, so > 366 works
const MIN_API_VERSION = '2023-01-01';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INVALID_TOKEN_CHALLENGE =
  'Bearer error="invalid_token", error_description="The access token is expired or invalid"';

const PROBLEM_TYPES = {
  400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  401: 'https://tools.ietf.org/html/rfc9110#section-15.5.2',
  403: 'https://tools.ietf.org/html/rfc9110#section-15.5.4',
  404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
  405: 'https://tools.ietf.org/html/rfc9110#section-15.5.6',
  413: 'https://tools.ietf.org/html/rfc9110#section-15.5.14',
  415: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
  429: 'https://tools.ietf.org/html/rfc6585#section-4',
  500: 'https://tools.ietf.org/html/rfc9110#section-15.6.1',
  502: 'https://tools.ietf.org/html/rfc9110#section-15.6.3',
  503: 'https://tools.ietf.org/html/rfc9110#section-15.6.4',
  504: 'https://tools.ietf.org/html/rfc9110#section-15.6.5',
};
const STATUS_TITLES = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  429: 'Too Many Requests', 500: 'An error occurred while processing your request.',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const randomToken = () => crypto.randomBytes(32).toString('base64url');
const traceId = () => `00-${crypto.randomBytes(16).toString('hex')}-${crypto.randomBytes(8).toString('hex')}-00`;

module.exports = {
  SCOPE_GUEST, SCOPE_REVENUE, SUPPORTED_SCOPES, MAX_BODY_BYTES, MAX_RECORDED_REQUESTS, AUTH_CODE_TTL_MS,
  CALENDAR_MAX_DAYS, NIGHTLY_MAX_DAYS, MIN_API_VERSION, UUID_RE, INVALID_TOKEN_CHALLENGE, PROBLEM_TYPES, STATUS_TITLES,
  randomToken, traceId,
};
