import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { clientFor, showFor } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'E-mail address of the new user; the API refuses one that is already taken',
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'Password of the new user. It is sent to the API only, never shown in the output or errors.',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ada Lovelace',
		description: 'Full name of the user',
	},
	{
		displayName: 'Nickname',
		name: 'nickname',
		type: 'string',
		default: '',
		placeholder: 'e.g. ada',
		description: 'Short name shown in the application',
	},
];

export const description = updateDisplayOptions(showFor('user', 'create'), properties);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** POST /api/v1/users with {"user": {email, password, name, nickname}}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const node = this.getNode();
	const email = String(this.getNodeParameter('email', i) ?? '').trim();
	const password = String(this.getNodeParameter('password', i) ?? '');
	if (!EMAIL.test(email)) {
		throw new NodeOperationError(node, `Email: "${email}" is not an e-mail address such as name@example.com`, { itemIndex: i });
	}
	if (password === '') throw new NodeOperationError(node, 'Password: the new user needs a password', { itemIndex: i });
	const user: IDataObject = { email, password };
	for (const field of ['name', 'nickname']) {
		const value = String(this.getNodeParameter(field, i, '') ?? '').trim();
		if (value) user[field] = value;
	}
	const client = await clientFor.call(this, i);
	const response = await client.request<IDataObject>({
		method: 'POST',
		url: '/api/v1/users',
		body: { user },
		itemIndex: i,
		secrets: [password],
	});
	return unwrapUser(response.body);
}

/** The template answers the user either bare or as {"user": {...}}. */
export function unwrapUser(body: unknown): IDataObject {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const record = body as IDataObject;
	const inner = record.user;
	const user = inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as IDataObject) : record;
	const rest: IDataObject = { ...user };
	delete rest.password;
	return rest;
}
