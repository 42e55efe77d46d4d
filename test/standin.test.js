'use strict';

// Self-check of the rezStream stand-in (test/support/rezstream-standin.js).
// Run: npx jest --rootDir . test/standin.test.js

const { startRezStreamStandIn } = require('./support/rezstream-standin');

jest.setTimeout(10000);

/** RFC 8288 Link parsing (enough for the stand-in's URLs, which contain no '>'). */
function parseLinks(header) {
  const out = {};
  if (!header) return out;
  const re = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g;
  let m;
  let guard = 0;
  while ((m = re.exec(header)) && guard++ < 100) {
    const rel = /;\s*rel="?([^";]+)"?/i.exec(m[2]);
    if (rel) for (const r of rel[1].trim().split(/\s+/)) out[r] = m[1];
  }
  return out;
}

describe('rezStream stand-in', () => {
  let s;
  let token;

  beforeAll(async () => {
    s = await startRezStreamStandIn({ seed: 7, data: { reservations: 25 } });
    token = s.issueManualToken();
  });

  afterAll(async () => {
    await s.close();
  });

  beforeEach(() => {
    s.clearRequests();
    s.hooks.beforeApiRequest = null;
  });

  const get = (path, headers = {}, t = token) =>
    fetch(s.url + path, { headers: { Authorization: `Bearer ${t}`, ...headers } });

  test('/reservations/updated drains every newest version exactly once while data changes', async () => {
    const tenantId = s.tenants[0].id;
    const all = s.listReservations(tenantId);
    expect(all.length).toBe(25);
    // Oldest-updated reservation (seen on page 1) and a not-yet-seen one change mid-drain.
    const ordered = all.slice().sort((a, b) =>
      (Date.parse(a.updatedAt) - Date.parse(b.updatedAt)) || (a.id < b.id ? -1 : 1));
    const early = ordered[0].id;
    const late = ordered[ordered.length - 1].id;
    s.hooks.beforeApiRequest = ({ count }) => {
      if (count === 2) {
        s.updateReservation(early, { notes: 'changed during drain' });
        s.updateReservation(late, { status: 'Cancelled' });
      }
    };

    const seen = new Set();
    const newest = new Map();
    let next = `/reservations/updated?from=${encodeURIComponent('2000-01-01T00:00:00Z')}&limit=7`;
    let pages = 0;
    while (next && pages < 50) {
      const res = await get(next);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(Array.isArray(body)).toBe(true);
      for (const r of body) {
        const key = `${r.id}@${r.version}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        newest.set(r.id, Math.max(newest.get(r.id) || 0, r.version));
      }
      const links = parseLinks(res.headers.get('link'));
      expect(links.first).toContain('from=2000-01-01T00%3A00%3A00Z');
      if (body.length === 0) {
        expect(links.next).toBeUndefined();
        next = null;
      } else {
        expect(links.next).toMatch(/afterAt=\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}%3A\d{2}(\.\d+)?Z&afterId=[0-9a-f-]{36}&limit=7$/);
        const u = new URL(links.next);
        next = u.pathname + u.search;
      }
      pages++;
    }
    expect(next).toBeNull();
    for (const r of s.listReservations(tenantId)) expect(newest.get(r.id)).toBe(r.version);
    expect(newest.get(early)).toBe(all.find((r) => r.id === early).version + 1);
  });

  test('/reservations/byDate offset links: next, prev, last, first', async () => {
    const tenantId = s.tenants[0].id;
    const from = '2000-01-01';
    const to = '2100-01-01';
    const total = s.listReservations(tenantId).filter((r) => r.arrival < to && r.departure > from).length;
    const res = await get(`/reservations/byDate?from=${from}&to=${to}&limit=5&skip=5`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.length).toBe(5);
    const links = parseLinks(res.headers.get('link'));
    const skipOf = (u) => new URL(u).searchParams.get('skip');
    expect(skipOf(links.next)).toBe('10');
    expect(skipOf(links.prev)).toBe('0');
    expect(skipOf(links.first)).toBe('0');
    expect(skipOf(links.last)).toBe(String(Math.floor((total - 1) / 5) * 5));
    expect(links.next.startsWith(`${s.url}/reservations/byDate?from=${from}&to=${to}&skip=10&limit=5`)).toBe(true);
    // sorted by arrival then id, plain date strings
    const keys = body.map((r) => `${r.arrival}|${r.id}`);
    expect(keys.slice().sort()).toEqual(keys);
    // invalid calendar date
    const bad = await get('/reservations/byDate?from=2025-02-30&to=2025-03-10');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await bad.json()).errors.from).toBeDefined();
  });

  test('multi-tenant token: 401 without X-RezStream-Tenant-ID, 200 with it, 403 for a foreign tenant', async () => {
    const ids = s.tenants.map((t) => t.id);
    const { access_token: at } = s.issueOAuthTokens({ tenants: ids });
    const details = await get('/auth/tokendetails', {}, at);
    expect(details.status).toBe(200);
    expect((await details.json()).tenants.map((t) => t.id)).toEqual(ids);

    const ambiguous = await get('/inventory/business', {}, at);
    expect(ambiguous.status).toBe(401);
    expect(ambiguous.headers.get('www-authenticate')).toMatch(/error="invalid_request"/);
    expect((await ambiguous.json()).detail).toMatch(/X-RezStream-Tenant-ID/);

    const ok = await get('/inventory/business', { 'x-rezstream-tenant-id': ids[1] }, at);
    expect(ok.status).toBe(200);
    expect((await ok.json()).name).toBe(s.tenants[1].name);

    const single = s.issueManualToken({ tenants: [ids[0]] });
    const foreign = await get('/inventory/business', { 'X-RezStream-Tenant-ID': ids[1] }, single);
    expect(foreign.status).toBe(403);

    const noToken = await fetch(`${s.url}/inventory`);
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  test('POST /rates/nightly: 403 insufficient_scope without revenue_management; validation; 200 and reflected', async () => {
    const guestOnly = s.issueManualToken({ scopes: ['guest_communication'] });
    const rate = s.getInventory().rates.find((r) => r.allowUpdates);
    const post = (t, body) => fetch(`${s.url}/rates/nightly`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const denied = await post(guestOnly, [{ rateId: rate.id, data: [{ date: '2027-01-14', price: 190 }] }]);
    expect(denied.status).toBe(403);
    expect(denied.headers.get('www-authenticate')).toMatch(/error="insufficient_scope".*scope="revenue_management"/);
    expect((await denied.json()).detail).toMatch(/revenue_management/);

    const invalid = await post(token, [{ rateId: rate.id, data: [{ date: '2027-01-14', price: 190 }, { date: '2027-01-15', price: -1 }] }]);
    expect(invalid.status).toBe(400);
    expect(Object.keys((await invalid.json()).errors)).toEqual(['[0].data[1].price']);

    const okRes = await post(token, [{ rateId: rate.id, data: [{ date: '2027-01-14', price: 190, minimumNights: 3, closedToArrival: true }] }]);
    expect(okRes.status).toBe(200);
    const after = await get(`/rates/nightly?from=2027-01-13&to=2027-01-14&rateId=${rate.id}`);
    const [row] = await after.json();
    expect(row.startDate).toBe('2027-01-13');
    expect(row.data).toHaveLength(2);
    expect(row.data[1]).toMatchObject({ price: 190, minimumNights: 3, closedToArrival: true });
  });

  test('OAuth code flow; refresh-token rotation invalidates the old refresh token', async () => {
    const redirectUri = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
    const authUrl = `${s.url}/connect/authorize?response_type=code&client_id=test-client&redirect_uri=${encodeURIComponent(redirectUri)}`
      + `&scope=${encodeURIComponent('offline_access guest_communication')}&state=xyz&multiTenant=true`;
    const auth = await fetch(authUrl, { redirect: 'manual' });
    expect(auth.status).toBe(302);
    const loc = new URL(auth.headers.get('location'));
    expect(loc.searchParams.get('state')).toBe('xyz');
    const code = loc.searchParams.get('code');
    expect(s.requests.find((r) => r.path === '/connect/authorize').query.multiTenant).toBe('true');

    const tokenCall = (params, headers = {}) => fetch(`${s.url}/connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    });
    const first = await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'test-client', client_secret: 'test-secret' });
    expect(first.status).toBe(200);
    const t1 = await first.json();
    expect(t1).toMatchObject({ token_type: 'Bearer', scope: 'offline_access guest_communication' });
    expect(t1.refresh_token).toEqual(expect.any(String));
    const basic = `Basic ${Buffer.from('test-client:test-secret').toString('base64')}`;
    const refreshed = await tokenCall({ grant_type: 'refresh_token', refresh_token: t1.refresh_token }, { Authorization: basic });
    expect(refreshed.status).toBe(200);
    const t2 = await refreshed.json();
    expect(t2.refresh_token).not.toBe(t1.refresh_token);
    expect(s.tokenRequests().map((r) => r.clientAuth)).toEqual(['body', 'basic']);

    const reuse = await tokenCall({ grant_type: 'refresh_token', refresh_token: t1.refresh_token, client_id: 'test-client', client_secret: 'test-secret' });
    expect(reuse.status).toBe(400);
    expect((await reuse.json()).error).toBe('invalid_grant');

    // A second use of the code fails and (RFC 6749 4.1.2) revokes what the code issued.
    const again = await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'test-client', client_secret: 'test-secret' });
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe('invalid_grant');
    expect((await get('/auth/tokendetails', {}, t1.access_token)).status).toBe(401);

    const tenant0 = s.tenants[0].id;
    expect((await get('/reservations/byDate?from=2025-01-01&to=2025-01-02', { 'X-RezStream-Tenant-ID': tenant0 }, t2.access_token)).status).toBe(200);
    s.expireAccessTokens();
    expect((await get('/reservations/byDate?from=2025-01-01&to=2025-01-02', { 'X-RezStream-Tenant-ID': tenant0 }, t2.access_token)).status).toBe(401);
    const wrong = await tokenCall({ grant_type: 'refresh_token', refresh_token: t2.refresh_token, client_id: 'test-client', client_secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe('invalid_client');
  });

  test('a queued 429 carries Retry-After and is consumed once', async () => {
    s.addFault({ path: '/inventory', status: 429, retryAfter: 2, times: 1 });
    const limited = await get('/inventory');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    const ok = await get('/inventory');
    expect(ok.status).toBe(200);
    expect(s.apiRequests().map((r) => r.status)).toEqual([429, 200]);
    expect(s.faults).toHaveLength(0);
  });
});
