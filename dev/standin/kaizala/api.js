'use strict';
/*
 * The API side of the Kaizala stand-in (paths below `{endpointUrl}/v1`): groups, subgroups,
 * members, messages, media, actions, subscribers and webhooks. Bodies arrive as
 * case-insensitive views (see index.js).
 * Webhook registration performs the validation GET `callBackUrl?validationToken=…` against the
 * callback before it answers, as Kaizala does: only a 200 whose body is exactly the token (plain
 * text, not JSON-quoted) within the timeout registers the webhook.
 */
const crypto = require('crypto');

const E164 = /^\+[1-9]\d{7,14}$/;
const EVENTS = ['ActionCreated', 'ActionResponse', 'SurveyCreated', 'SurveyResponse', 'JobCreated', 'JobResponse', 'TextMessageCreated', 'AttachmentCreated', 'Announcement', 'MemberAdded', 'MemberRemoved', 'GroupAdded', 'GroupRemoved'];

const bad = (message, errorCode = 'BadRequest') => ({ status: 400, body: { message, errorCode, errorCategoryKey: 'Request' } });
const missing = (what) => ({ status: 404, body: { message: `${what} not found`, errorCode: 'NotFound', errorCategoryKey: 'Resource' } });
const id = () => crypto.randomUUID();

function createApi({ now, webhookTimeoutMs }) {
	const data = {
		groups: [
			{ groupId: 'g-front', groupName: 'Front Desk', groupType: 'Group', members: ['+14155550100'], subGroups: [], subscribers: [], actions: [], messages: [] },
			{ groupId: 'g-house', groupName: 'Housekeeping', groupType: 'Group', members: [], subGroups: [], subscribers: [], actions: [], messages: [] },
		],
		media: [],
		webhooks: [],
		validations: [],
	};
	const group = (gid) => data.groups.find((g) => g.groupId === gid);
	const controllers = new Set();

	async function validate(callBackUrl) {
		const token = crypto.randomBytes(9).toString('hex');
		const url = new URL(callBackUrl);
		url.searchParams.set('validationToken', token);
		const controller = new AbortController();
		controllers.add(controller);
		const timer = setTimeout(() => controller.abort(), webhookTimeoutMs);
		const record = { url: callBackUrl, token, ok: false };
		data.validations.push(record);
		try {
			const res = await fetch(url, { signal: controller.signal });
			record.status = res.status;
			record.body = await res.text();
			record.contentType = res.headers.get('content-type');
			record.ok = res.status === 200 && record.body === token;
		} catch (error) {
			record.error = String(error.message);
		} finally {
			clearTimeout(timer);
			controllers.delete(controller);
		}
		return record.ok;
	}

	const routes = [
		['GET', /^\/groups$/, () => ({ status: 200, body: { groups: data.groups.map(({ groupId, groupName, groupType }) => ({ groupId, groupName, groupType })) } })],
		['POST', /^\/groups$/, ({ body }) => {
			if (!body?.name) return bad('name is required');
			const g = { groupId: id(), groupName: body.name, groupType: body.groupType ?? 'Group', members: [...(body.members ?? [])], subGroups: [], subscribers: [], actions: [], messages: [] };
			data.groups.push(g);
			return { status: 200, body: { groupId: g.groupId, groupName: g.groupName } };
		}],
		['GET', /^\/groups\/([^/]+)$/, (_, [gid]) => {
			const g = group(gid);
			return g ? { status: 200, body: { groupId: g.groupId, groupName: g.groupName, groupType: g.groupType, membersCount: g.members.length } } : missing('Group');
		}],
		['GET', /^\/groups\/([^/]+)\/subgroups$/, (_, [gid]) => {
			const g = group(gid);
			return g ? { status: 200, body: { groups: g.subGroups.map((s) => ({ groupId: s, groupName: group(s)?.groupName })) } } : missing('Group');
		}],
		['POST', /^\/groups\/([^/]+)\/subgroups$/, ({ body }, [gid]) => {
			const g = group(gid);
			if (!g) return missing('Group');
			if (!body?.name) return bad('name is required');
			const sub = { groupId: id(), groupName: body.name, groupType: 'Group', members: [...(body.members ?? [])], subGroups: [], subscribers: [], actions: [], messages: [] };
			data.groups.push(sub);
			g.subGroups.push(sub.groupId);
			return { status: 200, body: { groupId: sub.groupId, groupName: sub.groupName } };
		}],
		['PUT', /^\/groups\/([^/]+)\/subGroups$/, ({ body }, [gid]) => {
			const g = group(gid);
			if (!g) return missing('Group');
			for (const s of body?.subGroups ?? []) if (group(s) && !g.subGroups.includes(s)) g.subGroups.push(s);
			return { status: 200, body: { result: 'true' } };
		}],
		['DELETE', /^\/groups\/([^/]+)\/subGroups\/([^/]+)$/, (_, [gid, sid]) => {
			const g = group(gid);
			if (!g || !g.subGroups.includes(sid)) return missing('Subgroup');
			g.subGroups = g.subGroups.filter((s) => s !== sid);
			return { status: 200, body: { result: 'true' } };
		}],
		['GET', /^\/groups\/([^/]+)\/members$/, (_, [gid]) => {
			const g = group(gid);
			return g ? { status: 200, body: { members: g.members.map((m, i) => ({ memberId: `m-${i}`, mobileNumber: m, role: g.admins?.includes(m) ? 'Admin' : 'Member' })) } } : missing('Group');
		}],
		['PUT', /^\/groups\/([^/]+)\/members$/, ({ body }, [gid]) => {
			const g = group(gid);
			if (!g) return missing('Group');
			let skipped = false;
			for (const m of body?.members ?? []) {
				// Kaizala's own check is stricter for some plans: numbers listed in `rejects` are skipped.
				if (!E164.test(m) || data.rejects?.includes(m)) skipped = true;
				else if (!g.members.includes(m)) g.members.push(m);
			}
			return { status: 200, body: { result: skipped ? 'false' : 'true' } };
		}],
		['DELETE', /^\/groups\/([^/]+)\/members\/m-(\d+)$/, (_, [gid, n]) => {
			const g = group(gid);
			if (!g || !g.members[Number(n)]) return missing('Member');
			g.members.splice(Number(n), 1);
			return { status: 200, body: { result: 'true' } };
		}],
		['PUT', /^\/groups\/([^/]+)\/members\/m-(\d+)$/, ({ body }, [gid, n]) => {
			const g = group(gid);
			const m = g?.members[Number(n)];
			if (!m) return missing('Member');
			if (!['Admin', 'Member'].includes(body?.role)) return bad('role must be Admin or Member');
			g.admins = (g.admins ?? []).filter((a) => a !== m);
			if (body.role === 'Admin') g.admins.push(m);
			return { status: 200, body: { result: 'true' } };
		}],
		['POST', /^\/groups\/([^/]+)\/messages$/, ({ body }, [gid]) => {
			const g = group(gid);
			if (!g) return missing('Group');
			const text = body?.message;
			if (text !== undefined && (typeof text !== 'string' || text.length > 4000)) return bad('message must be at most 4000 characters', 'MessageTooLong');
			if (!text && !body?.mediaResource) return bad('message is required');
			const referenceId = id();
			g.messages.push({ referenceId, message: text, mediaResource: body.mediaResource, sendToAllSubscribers: body.sendToAllSubscribers, subscribers: body.subscribers });
			return { status: 200, body: { referenceId } };
		}],
		['POST', /^\/media$/, ({ contentType, raw }) => {
			if (!/^multipart\/form-data;\s*boundary=/i.test(contentType || '')) return bad('multipart/form-data expected', 'UnsupportedMediaType');
			const resource = `https://media.kaiza.la/${id()}`;
			data.media.push({ resource, size: raw.length, text: raw.toString('latin1') });
			return { status: 200, body: { mediaResource: resource } };
		}],
		['POST', /^\/groups\/([^/]+)\/actions$/, ({ body }, [gid]) => {
			const g = group(gid);
			if (!g) return missing('Group');
			if (!body?.actionBody) return bad('actionBody is required');
			const a = { actionId: id(), referenceId: id(), actionType: body.actionType ?? body.id, creationTime: Math.floor(now() / 1000), actionBody: body.actionBody, responses: [] };
			g.actions.push(a);
			return { status: 200, body: { actionId: a.actionId, referenceId: a.referenceId } };
		}],
		['GET', /^\/groups\/([^/]+)\/actions$/, ({ query }, [gid]) => {
			const g = group(gid);
			if (!g) return missing('Group');
			const from = Number(query.get('fromDate') ?? 0);
			const count = Math.min(Number(query.get('count') ?? 30), 1000);
			const type = query.get('actionType');
			const timeOf = (a) => (a.creationTime !== undefined ? a.creationTime * 1000 : Date.parse(a.sentAt));
			// Second precision: an action at 12:00:00.700 is stored as 12:00:00, so fromDate=12:00:00.000 includes it again.
			const list = g.actions.filter((a) => timeOf(a) >= Math.floor(from / 1000) * 1000 && (!type || a.actionType === type)).sort((a, b) => timeOf(a) - timeOf(b));
			return { status: 200, body: { actions: list.slice(0, count).map(({ responses, ...a }) => a), hasMore: list.length > count } };
		}],
		['GET', /^\/groups\/([^/]+)\/actions\/([^/]+)$/, ({ query }, [gid, aid]) => {
			const a = group(gid)?.actions.find((x) => x.actionId === aid || x.referenceId === aid);
			if (!a) return missing('Action');
			const { responses, ...rest } = a;
			return { status: 200, body: query.get('getDetails') === 'true' ? { ...rest, responses } : rest };
		}],
		['POST', /^\/groups\/([^/]+)\/actions\/([^/]+)\/responses$/, ({ body }, [gid, aid]) => {
			const a = group(gid)?.actions.find((x) => x.actionId === aid);
			if (!a) return missing('Action');
			const responseId = id();
			a.responses.push({ responseId, ...JSON.parse(JSON.stringify(body ?? {})) });
			return { status: 200, body: { responseId } };
		}],
		['POST', /^\/groups\/([^/]+)\/subscribers$/, ({ body }, [gid]) => {
			const g = group(gid);
			if (!g) return missing('Group');
			const count = Number(body?.count ?? 50);
			if (!Number.isInteger(count) || count < 1 || count > 50) return bad('count must be between 1 and 50');
			const start = body?.cursor ? Number(Buffer.from(String(body.cursor), 'base64').toString().split(':')[1]) : 0;
			const page = g.subscribers.slice(start, start + count).map((p, i) => ({ mobileNumber: p, subscriberId: `s-${start + i}` }));
			const more = start + count < g.subscribers.length;
			return { status: 200, body: { subscribers: page, cursor: more ? Buffer.from(`c:${start + count}:${id()}`).toString('base64') : null } };
		}],
		['PUT', /^\/groups\/([^/]+)\/subscribers\/(add|remove)$/, ({ body }, [gid, verb]) => {
			const g = group(gid);
			if (!g) return missing('Group');
			for (const p of body?.subscribers ?? []) {
				if (verb === 'add' && !g.subscribers.includes(p)) g.subscribers.push(p);
				if (verb === 'remove') g.subscribers = g.subscribers.filter((x) => x !== p);
			}
			return { status: 200, body: { result: 'true' } };
		}],
		['POST', /^\/webhook$/, async ({ body }) => {
			if (!body?.objectId || !['Group', 'Action', 'ActionPackage'].includes(body.objectType)) return bad('objectId and objectType are required');
			const events = body.eventTypes ?? [];
			if (!events.length || events.some((e) => !EVENTS.includes(e))) return bad('eventTypes must name Kaizala events');
			if (!body.callBackUrl) return bad('callBackUrl is required');
			if (!(await validate(body.callBackUrl))) return bad('Callback URL validation failed', 'WebhookValidationFailed');
			const w = { id: id(), objectId: body.objectId, objectType: body.objectType, eventTypes: [...events], callbackUrl: body.callBackUrl, callbackToken: body.callBackToken ?? '', callbackContext: body.callBackContext ?? '', active: true };
			data.webhooks.push(w);
			return { status: 200, body: { id: w.id } };
		}],
		['GET', /^\/webhook$/, ({ query }) => {
			if (!query.get('objectId') || !query.get('objectType')) return bad('objectId and objectType are required');
			const list = data.webhooks.filter((w) => w.objectId === query.get('objectId') && w.objectType === query.get('objectType'));
			return { status: 200, body: { webhooks: list.map((w) => ({ ...w, eventTypes: [...w.eventTypes] })) } };
		}],
		['PUT', /^\/webhook\/([^/]+)$/, ({ body }, [wid]) => {
			const w = data.webhooks.find((x) => x.id === wid);
			if (!w) return missing('Webhook');
			if (body?.active !== undefined) w.active = String(body.active).toLowerCase() === 'true';
			return { status: 200, body: { result: 'true' } };
		}],
		['DELETE', /^\/webhook\/([^/]+)$/, (_, [wid]) => {
			const before = data.webhooks.length;
			data.webhooks = data.webhooks.filter((x) => x.id !== wid);
			return before === data.webhooks.length ? missing('Webhook') : { status: 200, body: { result: 'true' } };
		}],
	];

	return {
		data,
		EVENTS,
		async handle(ctx) {
			for (const [method, pattern, fn] of routes) {
				const m = pattern.exec(ctx.path);
				if (m && method === ctx.method) return await fn(ctx, m.slice(1).map(decodeURIComponent));
			}
			return undefined;
		},
		/** Delivers an event to a webhook's callback as Kaizala does (header kz-callback-token). */
		async deliver(webhookId, event, { token } = {}) {
			const w = data.webhooks.find((x) => x.id === webhookId);
			const headers = { 'content-type': 'application/json' };
			const t = token === undefined ? w.callbackToken : token;
			if (t !== null) headers['kz-callback-token'] = t;
			const envelope = { objectId: w.objectId, objectType: w.objectType, eventType: 'TextMessageCreated', eventId: id(), data: {}, context: w.callbackContext, ...event };
			const res = await fetch(w.callbackUrl, { method: 'POST', headers, body: JSON.stringify(envelope) });
			return { status: res.status, body: await res.text(), eventId: envelope.eventId };
		},
		close() {
			for (const c of controllers) c.abort();
		},
	};
}

module.exports = { createApi, EVENTS };
