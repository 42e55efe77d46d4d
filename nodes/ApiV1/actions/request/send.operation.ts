import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { clientFor, showFor } from '../common';
import { safePath } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		description: 'The HTTP method of the call',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /api/v1/countries',
		description: 'Path below the Base URL of the credential. Full URLs and ".." are refused, so the credential goes only to its own API.',
	},
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. page' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 2' },
				],
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'body',
		type: 'json',
		default: '',
		placeholder: '{"user": {"name": "Ada"}}',
		description: 'The request body, sent as a JSON document. Leave empty to send no body.',
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT', 'DELETE'] } },
	},
];

export const description = updateDisplayOptions(showFor('request', 'send'), properties);

function readBody(this: IExecuteFunctions, i: number): unknown {
	const raw = this.getNodeParameter('body', i, '') as unknown;
	if (raw === undefined || raw === null || raw === '') return undefined;
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `JSON Body: not valid JSON (${(error as Error).message})`, {
			itemIndex: i,
			description: 'Write the body as JSON, for example {"user": {"name": "Ada"}}.',
		});
	}
}

/** Any other API v1 call, with the chosen credential applied. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
	const node = this.getNode();
	const method = String(this.getNodeParameter('method', i, 'GET')).toUpperCase() as IHttpRequestMethods;
	if (!['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].includes(method)) {
		throw new NodeOperationError(node, `Method: "${method}" is not one of DELETE, GET, PATCH, POST, PUT`, { itemIndex: i });
	}
	const path = safePath(node, 'Path', this.getNodeParameter('path', i), i);
	const pairs = ((this.getNodeParameter('query', i, {}) as IDataObject).parameter ?? []) as IDataObject[];
	const qs: IDataObject = {};
	for (const pair of Array.isArray(pairs) ? pairs : []) {
		const name = String(pair.name ?? '').trim();
		if (!name) throw new NodeOperationError(node, 'Query Parameters: a parameter has no name', { itemIndex: i });
		qs[name] = pair.value === undefined || pair.value === null ? '' : String(pair.value);
	}
	const body = method === 'GET' ? undefined : readBody.call(this, i);
	const client = await clientFor.call(this, i);
	const response = await client.request<unknown>({ method, url: path, qs, body, itemIndex: i });
	const answer = response.body;
	if (Array.isArray(answer)) {
		return answer.map((entry) => (entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry as IDataObject[keyof IDataObject] }));
	}
	if (answer && typeof answer === 'object') return answer as IDataObject;
	if (answer === undefined || answer === null || answer === '') return { statusCode: response.statusCode };
	return { statusCode: response.statusCode, body: answer as string };
}
