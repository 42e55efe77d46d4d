import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { clientFor, describe } from '../common';
import { contactFields, readContactFields } from './fields';

export const description = describe('contact', 'create', [
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactFields.filter((f) => f.name !== 'firstName' && f.name !== 'lastName'),
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body: IDataObject = readContactFields.call(this, 'additionalFields', 'Additional Fields', i);
	for (const [name, field] of [['firstName', 'First Name'], ['lastName', 'Last Name']]) {
		const v = this.getNodeParameter(name, i, '') as unknown;
		if (typeof v !== 'string' || !v.trim()) throw new NodeOperationError(this.getNode(), `${field}: is required`, { itemIndex: i });
		body[name] = v.trim();
	}
	const client = await clientFor.call(this, i);
	return await client.send<IDataObject>('POST', '/api/v3/contacts', body, i);
}
