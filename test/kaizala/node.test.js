'use strict';
/** The kaizala node's operations against the stand-in: checks before sending, answers, paging. */
const { startKaizalaStandIn, harness, jsonOf, failure, group } = require('./helpers');

let s;
beforeAll(async () => {
	s = await startKaizalaStandIn();
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const send = (message, extra = {}) => ({ resource: 'message', operation: 'send', groupId: group(), message, ...extra });

describe('messages', () => {
	test('4,000 UTF-16 units pass; 4,001 are refused before any call (an emoji counts 2)', async () => {
		const ok = jsonOf(await harness(s, send('x'.repeat(3998) + '😀')).execute());
		expect(ok[0].referenceId).toEqual(expect.any(String));
		const sent = s.apiRequests().filter((r) => r.path.endsWith('/messages'));
		expect(sent[0].body.message).toHaveLength(4000);
		expect(sent[0].contentType).toBe('application/json');
		s.clearRequests();
		const error = await failure(harness(s, send('x'.repeat(3999) + '😀')).execute());
		expect(error.message).toBe("Message: 4001 UTF-16 units, more than Kaizala's 4000");
		expect(s.requests()).toHaveLength(0);
	});

	test('to all subscribers, or to a list of E.164 numbers (a bad number refused before any call)', async () => {
		await harness(s, send('hi', { sendTo: 'allSubscribers' })).execute();
		await harness(s, send('hi', { sendTo: 'subscribers', subscribers: '+1 415 555 0123, +919876543210' })).execute();
		const bodies = s.apiRequests().filter((r) => r.path.endsWith('/messages')).map((r) => r.body);
		expect(bodies).toEqual([
			{ message: 'hi', sendToAllSubscribers: true },
			{ message: 'hi', sendToAllSubscribers: false, subscribers: ['+14155550123', '+919876543210'] },
		]);
		s.clearRequests();
		const error = await failure(harness(s, send('hi', { sendTo: 'subscribers', subscribers: '+14155550123, 0044 20 7946' })).execute());
		expect(error.message).toBe('Subscribers: not E.164 phone numbers: 0044 20 7946');
		expect(s.requests()).toHaveLength(0);
	});

	test('Continue On Fail: a bad item becomes an error item paired with it; the others are sent', async () => {
		const h = harness(s, send('={{$json.text}}'));
		const out = jsonOf(await h.execute({ items: [{ json: { text: 'one' } }, { json: { text: 'y'.repeat(4001) } }, { json: { text: 'three' } }], continueOnFail: true }), 3);
		expect(out[0].referenceId).toBeDefined();
		expect(out[1].error).toMatch(/4001 UTF-16 units/);
		expect(out[2].referenceId).toBeDefined();
	});
});

describe('members', () => {
	test('"false" from Kaizala names the skipped numbers and does not fail the item', async () => {
		s.data.rejects = ['+99912345678'];
		const out = jsonOf(await harness(s, { resource: 'member', operation: 'add', groupId: group('g-house'), phoneNumbers: '+14155550111, +99912345678' }).execute());
		expect(out[0]).toMatchObject({ result: false, added: ['+14155550111'], skipped: ['+99912345678'] });
		expect(out[0].message).toMatch(/skipped 1 of 2 numbers as not E\.164: \+99912345678/);
		s.data.rejects = [];
	});

	test('"true" as a string is a boolean true; numbers not E.164 are refused before any call', async () => {
		const out = jsonOf(await harness(s, { resource: 'member', operation: 'add', groupId: group('g-house'), phoneNumbers: '+14155550112' }).execute());
		expect(out[0]).toEqual({ result: true, added: ['+14155550112'], skipped: [] });
		s.clearRequests();
		const error = await failure(harness(s, { resource: 'member', operation: 'add', groupId: group('g-house'), phoneNumbers: '4155550112' }).execute());
		expect(error.message).toMatch(/Phone Numbers: not E\.164 phone numbers: 4155550112/);
		expect(s.requests()).toHaveLength(0);
	});
});

describe('action lists', () => {
	test('fromDate/count/hasMore paging, items of the same second de-duplicated by referenceId, ISO createdAt added', async () => {
		const g = s.data.groups.find((x) => x.groupId === 'g-front');
		g.actions = [];
		const base = 1_700_000_000;
		for (let i = 0; i < 250; i++) {
			// Five actions per second; a few with sentAt only.
			const t = base + Math.floor(i / 5);
			g.actions.push(i % 50 === 7
				? { actionId: `a${i}`, referenceId: `r${i}`, actionType: 'Poll', sentAt: new Date(t * 1000).toISOString(), responses: [] }
				: { actionId: `a${i}`, referenceId: `r${i}`, actionType: 'Poll', creationTime: t, responses: [] });
		}
		const out = jsonOf(await harness(s, { resource: 'action', operation: 'getMany', groupId: group(), returnAll: true }).execute());
		expect(out.map((a) => a.referenceId)).toEqual(g.actions.map((a) => a.referenceId));
		expect(out[7].createdAt).toBe(new Date((base + 1) * 1000).toISOString());
		expect(out[249].createdAt).toBe(new Date((base + 49) * 1000).toISOString());
		const pages = s.apiRequests().filter((r) => r.path.endsWith('/actions'));
		expect(pages.length).toBeGreaterThan(2);
		expect(Number(pages[1].query.fromDate)).toBeGreaterThan(0);
		s.clearRequests();
		const limited = jsonOf(await harness(s, { resource: 'action', operation: 'getMany', groupId: group(), returnAll: false, limit: 12, fromDate: String((base + 10) * 1000) }).execute());
		expect(limited.map((a) => a.referenceId)).toEqual(g.actions.slice(50, 62).map((a) => a.referenceId));
	});
});

describe('subscriber lists', () => {
	test('opaque body cursor, count at most 50, until no cursor', async () => {
		const g = s.data.groups.find((x) => x.groupId === 'g-house');
		g.subscribers = Array.from({ length: 123 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);
		const out = jsonOf(await harness(s, { resource: 'subscriber', operation: 'getMany', groupId: group('g-house'), returnAll: true }).execute());
		expect(out.map((x) => x.mobileNumber)).toEqual(g.subscribers);
		const pages = s.apiRequests().filter((r) => r.path.endsWith('/subscribers'));
		expect(pages.map((p) => p.body.count)).toEqual([50, 50, 50]);
		expect(pages[0].body.cursor).toBeUndefined();
		expect(typeof pages[1].body.cursor).toBe('string');
	});

	test('Add and Remove send the checked numbers to their own path', async () => {
		const g = s.data.groups.find((x) => x.groupId === 'g-house');
		g.subscribers = [];
		s.clearRequests();
		await harness(s, { resource: 'subscriber', operation: 'add', groupId: group('g-house'), phoneNumbers: '+1 415 555 0123, +919876543210' }).execute();
		expect(g.subscribers).toEqual(['+14155550123', '+919876543210']);
		await harness(s, { resource: 'subscriber', operation: 'remove', groupId: group('g-house'), phoneNumbers: '+14155550123' }).execute();
		expect(g.subscribers).toEqual(['+919876543210']);
		expect(s.apiRequests().map((r) => [r.method, r.path, r.body])).toEqual([
			['PUT', '/v1/groups/g-house/subscribers/add', { subscribers: ['+14155550123', '+919876543210'] }],
			['PUT', '/v1/groups/g-house/subscribers/remove', { subscribers: ['+14155550123'] }],
		]);
	});
});

describe('groups and media', () => {
	test('group locator list search filters by name', async () => {
		const h = harness(s, { resource: 'group', operation: 'get', groupId: group() });
		const found = await h.listSearch('searchGroups', 'house');
		expect(found.results).toEqual([{ name: 'Housekeeping', value: 'g-house' }]);
	});

	test('sub-groups: create, list, remove', async () => {
		const created = jsonOf(await harness(s, { resource: 'group', operation: 'createSubgroup', groupId: group(), name: 'Night shift' }).execute())[0];
		let subs = jsonOf(await harness(s, { resource: 'group', operation: 'getSubgroups', groupId: group() }).execute());
		expect(subs.map((x) => x.groupId)).toContain(created.groupId);
		await harness(s, { resource: 'group', operation: 'removeSubgroup', groupId: group(), subgroupId: group(created.groupId) }).execute();
		subs = jsonOf(await harness(s, { resource: 'group', operation: 'getSubgroups', groupId: group() }).execute());
		expect(subs.map((x) => x.groupId)).not.toContain(created.groupId);
	});

	test('send image: the binary input goes multipart to /media, then the message carries its mediaResource', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const h = harness(s, { resource: 'media', operation: 'sendImage', groupId: group(), binaryPropertyName: 'photo', caption: 'Lobby' });
		const out = jsonOf(await h.execute({ items: [{ json: {}, binary: { photo: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'lobby.png' } } }] }));
		const upload = s.apiRequests().find((r) => r.path === '/v1/media');
		expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
		const media = s.data.media.at(-1);
		expect(media.text).toContain('filename="lobby.png"');
		expect(media.text).toContain('image/png');
		expect(out[0].mediaResource).toBe(media.resource);
		const message = s.apiRequests().find((r) => r.path.endsWith('/messages'));
		expect(message.body).toEqual({ mediaResource: media.resource, message: 'Lobby' });
	});

	test('a missing binary property is named', async () => {
		const error = await failure(harness(s, { resource: 'media', operation: 'upload', binaryPropertyName: 'nope' }).execute());
		expect(error.message).toMatch(/binary file 'nope'/);
		expect(s.apiRequests()).toHaveLength(0);
	});
});
