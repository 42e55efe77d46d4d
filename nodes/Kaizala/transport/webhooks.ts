/**
 * Kaizala's webhook registrations (`/webhook`), for the trigger's lifecycle. Note the spelling:
 * POST takes `callBackUrl`/`callBackToken`, GET answers `callbackUrl`/`callbackToken`.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../shared/transport/request';
import { kaizalaClient } from './index';

export const EVENT_TYPES = [
	'ActionCreated',
	'ActionResponse',
	'SurveyCreated',
	'SurveyResponse',
	'JobCreated',
	'JobResponse',
	'TextMessageCreated',
	'AttachmentCreated',
	'Announcement',
	'MemberAdded',
	'MemberRemoved',
	'GroupAdded',
	'GroupRemoved',
];

export interface Registration {
	id: string;
	callbackUrl: string;
	callbackToken: string;
	eventTypes: string[];
	active: boolean;
}

function field(record: IDataObject, name: string): unknown {
	for (const [k, v] of Object.entries(record)) if (k.toLowerCase() === name.toLowerCase()) return v;
	return undefined;
}

function toRegistration(record: IDataObject): Registration {
	const active = field(record, 'active');
	const events = field(record, 'eventTypes');
	return {
		id: String(field(record, 'id') ?? field(record, 'webhookId') ?? ''),
		callbackUrl: String(field(record, 'callbackUrl') ?? ''),
		callbackToken: String(field(record, 'callbackToken') ?? ''),
		eventTypes: Array.isArray(events) ? events.map(String) : [],
		active: active === undefined ? true : active === true || String(active).toLowerCase() === 'true',
	};
}

export async function listWebhooks(ctx: HttpContext, objectId: string, objectType: string): Promise<Registration[]> {
	const client = await kaizalaClient(ctx);
	const { body } = await client.request({ method: 'GET', url: '/webhook', qs: { objectId, objectType } });
	const list = Array.isArray(body) ? body : field((body ?? {}) as IDataObject, 'webhooks');
	return Array.isArray(list) ? (list as IDataObject[]).map(toRegistration) : [];
}

export async function registerWebhook(ctx: HttpContext, body: IDataObject): Promise<string> {
	const client = await kaizalaClient(ctx);
	const answer = (await client.request<IDataObject>({ method: 'POST', url: '/webhook', body })).body ?? {};
	return String(field(answer, 'id') ?? field(answer, 'webhookId') ?? '');
}

export async function reactivateWebhook(ctx: HttpContext, id: string): Promise<void> {
	const client = await kaizalaClient(ctx);
	await client.request({ method: 'PUT', url: `/webhook/${encodeURIComponent(id)}`, body: { Active: true } });
}

export async function deleteWebhook(ctx: HttpContext, id: string): Promise<void> {
	const client = await kaizalaClient(ctx);
	await client.request({ method: 'DELETE', url: `/webhook/${encodeURIComponent(id)}` });
}
