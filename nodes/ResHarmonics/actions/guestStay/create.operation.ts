import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idField } from '../../descriptions/common';
import { checkId, clientFor, describe, readCollection, readId } from '../common';

export const description = describe('guestStay', 'create', [
	idField('Room Stay ID', 'roomStayId', 'The room stay the guest stays in'),
	{
		displayName: 'Guest',
		name: 'guest',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'An existing contact (Contact ID), or a new guest by First Name and Last Name',
		options: [
			{ displayName: 'Contact ID', name: 'contactId', type: 'string', default: '', placeholder: 'e.g. 501', description: 'An existing contact' },
			{ displayName: 'Email Address', name: 'emailAddress', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const roomStayId = readId.call(this, 'roomStayId', 'Room Stay ID', i);
	const guest = readCollection.call(this, 'guest', 'Guest', i);
	const body: IDataObject = { roomStayId: Number(roomStayId) };
	if (guest.contactId !== undefined && guest.contactId !== '') body.contactId = Number(checkId.call(this, 'Guest → Contact ID', guest.contactId, i));
	for (const key of ['firstName', 'lastName', 'emailAddress']) {
		if (typeof guest[key] === 'string' && (guest[key] as string).trim()) body[key] = (guest[key] as string).trim();
	}
	if (body.contactId === undefined && !(body.firstName && body.lastName)) {
		throw new NodeOperationError(this.getNode(), 'Guest: give a Contact ID, or a First Name and a Last Name', { itemIndex: i });
	}
	const client = await clientFor.call(this, i);
	return await client.send<IDataObject>('POST', '/api/v3/guestStays', body, i);
}
