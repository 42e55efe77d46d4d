import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { duplicateWindowFor, dropDuplicateWindow } from '../shared/webhook/duplicates';
import { constantTimeEqual, newWebhookSecret } from '../shared/webhook/secret';
import { groupLocator } from './actions/common';
import { listSearch } from './methods';
import { deleteWebhook, EVENT_TYPES, listWebhooks, reactivateWebhook, registerWebhook } from './transport/webhooks';

/** Kaizala redelivers for up to 2 days; IDs are remembered that long, at most 10,000 per trigger. */
const DUPLICATES = { maxIds: 10_000, ttlMs: 48 * 3600 * 1000 };

interface HookState extends IDataObject {
	webhookId?: string;
	callbackToken?: string;
}

function target(ctx: IHookFunctions): { objectId: string; objectType: string; eventTypes: string[] } {
	const objectType = ctx.getNodeParameter('objectType') as string;
	const raw =
		objectType === 'Group'
			? ctx.getNodeParameter('groupId', undefined, { extractValue: true })
			: ctx.getNodeParameter('objectId');
	const objectId = String(raw ?? '').trim();
	if (!/^[A-Za-z0-9@._:-]{1,200}$/.test(objectId)) {
		throw new NodeOperationError(ctx.getNode(), `${objectType === 'Group' ? 'Group' : 'Object ID'}: "${objectId}" is not a Kaizala ID`);
	}
	const events = ctx.getNodeParameter('events') as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Events: choose at least one event type');
	}
	return { objectId, objectType, eventTypes: [...events].sort() };
}

const sameEvents = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((e, i) => e === [...b].sort()[i]);

export class KaizalaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Kaizala Trigger',
		name: 'kaizalaTrigger',
		icon: { light: 'file:../../icons/kaizala.svg', dark: 'file:../../icons/kaizala.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["objectType"] + ": " + $parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on Microsoft Kaizala events (webhook). Microsoft retired Kaizala (31 August 2023 per press reports; its docs were retired from MicrosoftDocs/kaizala-docs); for organisations that still run it.',
		defaults: { name: 'Microsoft Kaizala Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kaizalaApi', required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Object Type',
				name: 'objectType',
				type: 'options',
				options: [
					{ name: 'Group', value: 'Group' },
					{ name: 'Action', value: 'Action' },
					{ name: 'Action Package', value: 'ActionPackage' },
				],
				default: 'Group',
				description: 'What the webhook watches',
			},
			{ ...groupLocator(), displayOptions: { show: { objectType: ['Group'] } } },
			{
				displayName: 'Object ID',
				name: 'objectId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 3c8f1d2e-…',
				description: 'The action ID or the action package ID to watch',
				displayOptions: { show: { objectType: ['Action', 'ActionPackage'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_TYPES.map((e) => ({ name: e.replace(/([a-z])([A-Z])/g, '$1 $2'), value: e })),
				default: ['TextMessageCreated'],
				required: true,
				description: 'The Kaizala events that start the workflow',
			},
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			/** Finds our registration; turns it back on when Kaizala disabled it after failed deliveries. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const url = this.getNodeWebhookUrl('default') as string;
				const { objectId, objectType, eventTypes } = target(this);
				const mine = (await listWebhooks(this, objectId, objectType)).filter((w) => w.callbackUrl === url);
				const match = mine.find(
					(w) => sameEvents(w.eventTypes, eventTypes) && state.callbackToken !== undefined && constantTimeEqual(w.callbackToken, state.callbackToken),
				);
				// Registrations of this URL with other events or an unknown token are stale: removed.
				for (const w of mine) if (w !== match) await deleteWebhook(this, w.id);
				if (!match) return false;
				if (!match.active) await reactivateWebhook(this, match.id);
				state.webhookId = match.id;
				return true;
			},
			/** Registers with a new random callback token; Kaizala validates the URL during this call. */
			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const { objectId, objectType, eventTypes } = target(this);
				const callbackToken = newWebhookSecret();
				// The validation GET can arrive before the answer: the token must be known by then.
				state.callbackToken = callbackToken;
				const id = await registerWebhook(this, {
					objectId,
					objectType,
					eventTypes,
					callBackUrl: this.getNodeWebhookUrl('default'),
					callBackToken: callbackToken,
					callBackContext: 'n8n',
				});
				state.webhookId = id;
				return true;
			},
			/** Deletes the stored registration and any other of this URL (static data may be older than Kaizala's list). */
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const url = this.getNodeWebhookUrl('default') as string;
				const { objectId, objectType } = target(this);
				const ids = new Set<string>(state.webhookId ? [state.webhookId] : []);
				for (const w of await listWebhooks(this, objectId, objectType)) if (w.callbackUrl === url) ids.add(w.id);
				for (const id of ids) {
					try {
						await deleteWebhook(this, id);
					} catch (error) {
						// Already gone at Kaizala: nothing left to remove.
						if ((error as { httpCode?: string }).httpCode !== '404') return false;
					}
				}
				delete state.webhookId;
				delete state.callbackToken;
				dropDuplicateWindow(`${this.getWorkflow().id}:${this.getNode().id}`);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		if (this.getWebhookName() === 'setup') {
			// Kaizala's validation: echo the token as plain text, at once, no execution.
			const token = req.query.validationToken;
			const ok = typeof token === 'string' && /^[\x21-\x7e]{1,1024}$/.test(token);
			res.status(ok ? 200 : 400).set({ 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
			res.send(ok ? token : 'validationToken missing');
			return { noWebhookResponse: true };
		}
		const state = this.getWorkflowStaticData('node') as HookState;
		if (!constantTimeEqual(req.headers['kz-callback-token'], state.callbackToken ?? '')) {
			res.status(401).set('Content-Type', 'text/plain; charset=utf-8').send('Unauthorized');
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData();
		const eventId = typeof body.eventId === 'string' || typeof body.eventId === 'number' ? String(body.eventId) : '';
		if (eventId && duplicateWindowFor(`${this.getWorkflow().id}:${this.getNode().id}`, DUPLICATES).seen(eventId, Date.now())) {
			res.status(200).set('Content-Type', 'text/plain; charset=utf-8').send('Duplicate event ignored');
			return { noWebhookResponse: true };
		}
		return { workflowData: [this.helpers.returnJsonArray([body])] };
	}
}
