'use strict';
/* rezStream stand-in: the account server (OpenIddict-like): tokens, discovery, authorize and token endpoints. */
const crypto = require('crypto');
const { AUTH_CODE_TTL_MS, SUPPORTED_SCOPES, randomToken } = require('./constants');

module.exports = function install(st) {
  const { codes, opts, origin, send, sendJson, tenantById, tenants, tokens } = st;

  function resolveTenantIds(list) {
    const ids = list && list.length ? list : [tenants[0].id];
    for (const id of ids) if (!tenantById.has(String(id).toLowerCase())) throw new Error(`unknown tenant ${id}`);
    return ids.map((x) => String(x).toLowerCase());
  }

  function issueAccess(clientId, tenantIds, scopes, parent) {
    const token = randomToken();
    tokens.set(token, {
      kind: 'access', clientId, tenants: tenantIds.slice(), scopes: scopes.slice(),
      expiresAtMs: Date.now() + opts.accessTokenTtlMs, revoked: false, parent: parent || null,
    });
    return token;
  }

  function issueRefresh(clientId, tenantIds, scopes, parent) {
    const token = randomToken();
    tokens.set(token, { kind: 'refresh', clientId, tenants: tenantIds.slice(), scopes: scopes.slice(), expiresAtMs: null, revoked: false, parent: parent || null });
    return token;
  }

  function tokenResponse(clientId, tenantIds, scopes, parent) {
    const body = {
      access_token: issueAccess(clientId, tenantIds, scopes, parent),
      token_type: 'Bearer',
      expires_in: Math.round(opts.accessTokenTtlMs / 1000),
      scope: scopes.join(' '),
    };
    if (scopes.includes('offline_access')) body.refresh_token = issueRefresh(clientId, tenantIds, scopes, parent);
    return body;
  }

  function validAccessToken(token) {
    const rec = tokens.get(token);
    if (!rec || rec.revoked) return null;
    if (rec.kind !== 'access' && rec.kind !== 'manual') return null;
    if (rec.expiresAtMs !== null && Date.now() >= rec.expiresAtMs) return null;
    return rec;
  }

  function oauthError(ctx, status, error, description, headers) {
    const body = { error };
    if (description) body.error_description = description;
    sendJson(ctx, status, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...(headers || {}) });
  }

  function htmlPage(ctx, status, title, text) {
    const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    send(ctx, status, { 'Content-Type': 'text/html; charset=utf-8' },
      `<!doctype html><html><head><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`);
  }

  function handleDiscovery(ctx) {
    const o = origin(ctx);
    sendJson(ctx, 200, {
      issuer: `${o}/`,
      authorization_endpoint: `${o}/connect/authorize`,
      token_endpoint: `${o}/connect/token`,
      jwks_uri: `${o}/.well-known/jwks`,
      scopes_supported: SUPPORTED_SCOPES.slice(),
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['plain', 'S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_parameter_supported: false,
      request_parameter_supported: false,
    });
  }

  function findClient(id) {
    return opts.clients.find((c) => c.clientId === id) || null;
  }

  function handleAuthorize(ctx) {
    const p = (n) => ctx.url.searchParams.get(n);
    const client = findClient(p('client_id'));
    if (!client) return htmlPage(ctx, 400, 'Invalid request', 'The client application is not known.');
    const redirectUri = p('redirect_uri');
    let redirect;
    try {
      redirect = redirectUri ? new URL(redirectUri) : null;
    } catch (e) {
      redirect = null;
    }
    if (!redirect || !/^https?:$/.test(redirect.protocol)) {
      return htmlPage(ctx, 400, 'Invalid request', 'The redirect_uri parameter is missing or invalid.');
    }
    // Registered redirect URLs (the vendor asks for them); ASSUMPTION: none configured = any URL.
    if (Array.isArray(client.redirectUris) && !client.redirectUris.includes(redirectUri)) {
      return htmlPage(ctx, 400, 'Invalid request', 'The redirect_uri is not registered for this client.');
    }
    const state = p('state');
    const back = (params) => {
      const u = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) u.searchParams.set(k, v);
      if (state !== null) u.searchParams.set('state', state);
      send(ctx, 302, { Location: u.toString(), 'Cache-Control': 'no-store' }, null);
    };
    if (p('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    const scopes = (p('scope') || '').split(' ').filter(Boolean);
    // Readme: "When initiating an authorization request, scopes must be provided."
    if (!scopes.length) return back({ error: 'invalid_scope', error_description: 'The scope parameter is required.' });
    const unknown = scopes.filter((s) => !SUPPORTED_SCOPES.includes(s));
    if (unknown.length) return back({ error: 'invalid_scope', error_description: `Unsupported scope: ${unknown.join(' ')}` });
    const challenge = p('code_challenge');
    const method = p('code_challenge_method') || (challenge ? 'plain' : null);
    if (challenge && method !== 'S256' && method !== 'plain') {
      return back({ error: 'invalid_request', error_description: 'Unsupported code_challenge_method.' });
    }
    // The stand-in's user consents at once: the first tenant (or `tid` when given and known),
    // or every tenant with multiTenant=true.
    const multi = String(p('multiTenant') || '').toLowerCase() === 'true';
    let tenantIds;
    if (multi) tenantIds = tenants.map((t) => t.id);
    else {
      const tid = (p('tid') || '').toLowerCase();
      tenantIds = [tenantById.has(tid) ? tid : tenants[0].id];
    }
    const code = randomToken();
    codes.set(code, {
      clientId: client.clientId, redirectUri, scopes: Array.from(new Set(scopes)), tenants: tenantIds,
      expiresAtMs: Date.now() + AUTH_CODE_TTL_MS, used: false, challenge, method, issued: [],
    });
    return back({ code });
  }

  function clientFromRequest(ctx, form) {
    const authz = ctx.req.headers.authorization;
    const basic = authz && /^Basic\s+(\S+)$/i.exec(authz);
    const bodyId = form.get('client_id');
    const bodySecret = form.get('client_secret');
    if (basic) {
      if (bodySecret !== null) return { error: ['invalid_request', 'Multiple client credentials cannot be specified.'] };
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i < 0) return { error: ['invalid_client', 'The client credentials are invalid.'], basic: true };
      // RFC 6749 2.3.1: id and secret are form-urlencoded before base64.
      const dec = (s) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch (e) { return s; } };
      const id = dec(decoded.slice(0, i));
      const secret = dec(decoded.slice(i + 1));
      if (bodyId !== null && bodyId !== id) return { error: ['invalid_request', 'The client_id does not match the authorization header.'] };
      const c = findClient(id);
      if (!c || c.clientSecret !== secret) return { error: ['invalid_client', 'The client credentials are invalid.'], basic: true };
      return { client: c };
    }
    if (bodyId === null) return { error: ['invalid_client', 'The mandatory client_id parameter is missing.'] };
    const c = findClient(bodyId);
    if (!c || bodySecret === null || c.clientSecret !== bodySecret) return { error: ['invalid_client', 'The client credentials are invalid.'] };
    return { client: c };
  }

  function handleToken(ctx) {
    const ct = String(ctx.req.headers['content-type'] || '').toLowerCase();
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/.test(ct)) {
      return oauthError(ctx, 400, 'invalid_request', 'The Content-Type must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(ctx.bodyText || '');
    const redacted = {};
    for (const [k, v] of form) {
      redacted[k] = ['client_secret', 'code', 'refresh_token', 'code_verifier'].includes(k) ? '[redacted]' : v;
    }
    ctx.entry.form = redacted;
    ctx.entry.clientAuth = /^Basic\s/i.test(ctx.req.headers.authorization || '')
      ? 'basic'
      : (form.has('client_id') || form.has('client_secret') ? 'body' : null);
    const grant = form.get('grant_type');
    if (!grant) return oauthError(ctx, 400, 'invalid_request', 'The mandatory grant_type parameter is missing.');
    if (grant !== 'authorization_code' && grant !== 'refresh_token') {
      return oauthError(ctx, 400, 'unsupported_grant_type', 'The specified grant_type is not supported.');
    }
    const auth = clientFromRequest(ctx, form);
    if (auth.error) {
      const [err, desc] = auth.error;
      const status = err === 'invalid_client' ? 401 : 400;
      return oauthError(ctx, status, err, desc, auth.basic ? { 'WWW-Authenticate': 'Basic realm="account.rezstream.com"' } : {});
    }
    const client = auth.client;

    if (grant === 'authorization_code') {
      const code = form.get('code');
      const rec = code ? codes.get(code) : null;
      if (!rec) return oauthError(ctx, 400, 'invalid_grant', 'The specified authorization code is invalid.');
      if (rec.used) {
        // RFC 6749 4.1.2: a reused code revokes what it issued.
        for (const t of rec.issued) { const tr = tokens.get(t); if (tr) tr.revoked = true; }
        return oauthError(ctx, 400, 'invalid_grant', 'The specified authorization code has already been redeemed.');
      }
      if (rec.clientId !== client.clientId) return oauthError(ctx, 400, 'invalid_grant', 'The authorization code was issued to another client.');
      if (Date.now() >= rec.expiresAtMs) { rec.used = true; return oauthError(ctx, 400, 'invalid_grant', 'The specified authorization code is no longer valid.'); }
      if (form.get('redirect_uri') !== rec.redirectUri) return oauthError(ctx, 400, 'invalid_grant', 'The redirect_uri does not match the one used in the authorization request.');
      if (rec.challenge) {
        const verifier = form.get('code_verifier');
        const computed = verifier && (rec.method === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier);
        if (!verifier || computed !== rec.challenge) return oauthError(ctx, 400, 'invalid_grant', 'The code_verifier is missing or invalid.');
      }
      rec.used = true;
      const body = tokenResponse(client.clientId, rec.tenants, rec.scopes, code);
      rec.issued.push(body.access_token);
      if (body.refresh_token) rec.issued.push(body.refresh_token);
      return sendJson(ctx, 200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    }

    // refresh_token
    const rt = form.get('refresh_token');
    const rec = rt ? tokens.get(rt) : null;
    if (!rec || rec.kind !== 'refresh' || rec.revoked) {
      return oauthError(ctx, 400, 'invalid_grant', 'The specified refresh token is invalid.');
    }
    if (rec.clientId !== client.clientId) return oauthError(ctx, 400, 'invalid_grant', 'The refresh token was issued to another client.');
    let scopes = rec.scopes;
    const requested = form.get('scope');
    if (requested) {
      const list = requested.split(' ').filter(Boolean);
      if (list.some((s) => !rec.scopes.includes(s))) return oauthError(ctx, 400, 'invalid_scope', 'The requested scope exceeds the original grant.');
      scopes = list;
    }
    let body;
    if (opts.rotateRefreshTokens) {
      rec.revoked = true; // rolling refresh tokens: the redeemed one is dead
      body = tokenResponse(client.clientId, rec.tenants, scopes.includes('offline_access') ? scopes : [...scopes, 'offline_access'], rt);
      body.scope = scopes.join(' ');
    } else {
      body = {
        access_token: issueAccess(client.clientId, rec.tenants, scopes, rt),
        token_type: 'Bearer',
        expires_in: Math.round(opts.accessTokenTtlMs / 1000),
        scope: scopes.join(' '),
      };
    }
    return sendJson(ctx, 200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  }

  return { resolveTenantIds, issueAccess, issueRefresh, tokenResponse, validAccessToken, oauthError, htmlPage, handleDiscovery, findClient, handleAuthorize, clientFromRequest, handleToken };
};
