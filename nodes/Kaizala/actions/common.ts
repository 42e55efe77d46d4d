import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireBoolean, requireNumber } from '../../shared/validation';
import { kaizalaClient } from '../transport';
import type { KaizalaClient } from '../transport';

export function showFor(resource: string, operation: string | string[]) {
	return { show: { resource: [resource], operation: [operation].flat() } };
}

export async function clientFor(this: IExecuteFunctions, itemIndex: number): Promise<KaizalaClient> {
	return await kaizalaClient(this, itemIndex);
}

/** The group resource locator: from the list, by ID. */
export function groupLocator(name = 'groupId', displayName = 'Group'): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchGroups', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5f1c1c6c-0a1b-4b2c-9d3e-4f5a6b7c8d9e',
				validation: [{ type: 'regex', properties: { regex: '[A-Za-z0-9@._-]{1,128}', errorMessage: 'Not a Kaizala group ID' } }],
			},
		],
		description: 'The Kaizala group (its groupId)',
	};
}

const ID = /^[A-Za-z0-9@._:-]{1,128}$/;

/** An ID parameter (plain or locator), checked before any request; answered URL-encoded. */
export function readId(this: IExecuteFunctions, name: string, field: string, i: number): string {
	const raw = this.getNodeParameter(name, i, '', { extractValue: true });
	const value = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
	if (!ID.test(value)) {
		throw new NodeOperationError(this.getNode(), `${field}: "${value}" is not a Kaizala ID`, {
			itemIndex: i,
			description: `Pick the ${field.toLowerCase()} from the list or paste its ID.`,
		});
	}
	return encodeURIComponent(value);
}

/** E.164: "+", country code, subscriber number; 8 to 15 digits. Spaces, dots, dashes and brackets are dropped. */
export function normalisePhone(raw: string): string | undefined {
	const compact = raw.trim().replace(/[\s().-]/g, '');
	return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : undefined;
}

/** A list of phone numbers (comma/newline separated or an array), each E.164, checked before any request. */
export function readPhones(this: IExecuteFunctions, name: string, field: string, i: number, required = true): string[] {
	const raw = this.getNodeParameter(name, i, '') as unknown;
	const list = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[,;\n]+/)).map((s) => s.trim()).filter(Boolean);
	if (required && list.length === 0) {
		throw new NodeOperationError(this.getNode(), `${field}: at least one phone number is required`, { itemIndex: i });
	}
	const bad = list.filter((p) => normalisePhone(p) === undefined);
	if (bad.length) {
		throw new NodeOperationError(this.getNode(), `${field}: not E.164 phone numbers: ${bad.join(', ')}`, {
			itemIndex: i,
			description: 'Write numbers as + country code and number, e.g. +14155550123 or +919876543210.',
		});
	}
	return list.map((p) => normalisePhone(p) as string);
}

/** Return All / Limit, checked before any request: undefined = all. */
export function readLimit(this: IExecuteFunctions, i: number): number | undefined {
	const node = this.getNode();
	if (requireBoolean(node, 'Return All', this.getNodeParameter('returnAll', i, false), i)) return undefined;
	return requireNumber(node, 'Limit', this.getNodeParameter('limit', i, 50), { min: 1, integer: true }, i);
}

/** A JSON parameter (object), parsed with an error naming the field. */
export function readJson(this: IExecuteFunctions, name: string, field: string, i: number): IDataObject {
	const raw = this.getNodeParameter(name, i, '{}') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw.trim() || '{}');
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${field}: not valid JSON (${(error as Error).message})`, { itemIndex: i });
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(this.getNode(), `${field}: must be a JSON object`, { itemIndex: i });
	}
	return value as IDataObject;
}

/** A list out of an answer that is either the list or an object holding it under `key` (any case). */
export function listOf(body: unknown, key: string): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') {
		for (const [k, v] of Object.entries(body)) if (k.toLowerCase() === key.toLowerCase() && Array.isArray(v)) return v as IDataObject[];
	}
	return [];
}

export function asObject(body: unknown): IDataObject {
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : { result: body as string };
}

/** "Send To" (all subscribers or a list), the recipients part of a message or action body. */
export const recipientsProperties: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		options: [
			{ name: 'The Whole Group', value: 'group' },
			{ name: 'All Subscribers', value: 'allSubscribers' },
			{ name: 'Listed Subscribers', value: 'subscribers' },
		],
		default: 'group',
		description: 'Who receives it: the group\'s members, every subscriber of a public group, or the subscribers listed',
	},
	{
		displayName: 'Subscribers',
		name: 'subscribers',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155550123, +919876543210',
		description: 'Phone numbers of the subscribers, in E.164, separated by commas',
		displayOptions: { show: { sendTo: ['subscribers'] } },
	},
];

export function readRecipients(this: IExecuteFunctions, i: number): IDataObject {
	const sendTo = this.getNodeParameter('sendTo', i, 'group') as string;
	if (sendTo === 'allSubscribers') return { sendToAllSubscribers: true };
	if (sendTo === 'subscribers') return { sendToAllSubscribers: false, subscribers: readPhones.call(this, 'subscribers', 'Subscribers', i) };
	return {};
}
