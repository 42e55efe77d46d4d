import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idField } from '../../descriptions/common';
import { clientFor, describe, readId } from '../common';

export const description = describe('roomStay', 'getGuests', [idField('Room Stay ID', 'roomStayId', 'The room stay whose guests to get')]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const id = readId.call(this, 'roomStayId', 'Room Stay ID', i);
	const client = await clientFor.call(this, i);
	const guests = await client.get<unknown>(`/api/v3/roomStays/${encodeURIComponent(id)}/guests`, undefined, i, 'json');
	// A list, or a page of one.
	const list = Array.isArray(guests) ? guests : ((guests as IDataObject)?.content as unknown[]) ?? [];
	return list.filter((g): g is IDataObject => !!g && typeof g === 'object');
}
