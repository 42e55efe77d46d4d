import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idField } from '../../descriptions/common';
import { clientFor, describe, readId } from '../common';
import { contactFields, readContactFields } from './fields';

export const description = describe('contact', 'update', [
	idField('Contact ID', 'contactId', 'The contact to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields set here change: the contact is read first and sent back whole (PUT /api/v3/contacts)',
		options: contactFields,
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = readId.call(this, 'contactId', 'Contact ID', i);
	const changes = readContactFields.call(this, 'updateFields', 'Update Fields', i);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Update Fields: set at least one field to change', { itemIndex: i });
	}
	const client = await clientFor.call(this, i);
	// PUT replaces the contact: read it, change what was set, send it whole.
	const current = await client.get<IDataObject>(`/api/v3/contacts/${encodeURIComponent(id)}`, undefined, i);
	return await client.send<IDataObject>('PUT', '/api/v3/contacts', { ...current, ...changes, id: current.id ?? Number(id) }, i);
}
