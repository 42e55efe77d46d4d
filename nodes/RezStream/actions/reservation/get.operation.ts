import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireUuid } from '../../../shared/validation';
import { simplifyProperties } from '../../descriptions/common';
import { clientFor, maybeSimplify, showFor } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Reservation ID',
		name: 'reservationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. a2857289-0f63-4a26-b509-444699485a33',
		description:
			'The UUID of the reservation. The answer includes unit assignments, people and invoices.',
	},
	...simplifyProperties('the reservation'),
];

export const description = updateDisplayOptions(showFor('reservation', 'get'), properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
	const id = requireUuid(this.getNode(), 'Reservation ID', this.getNodeParameter('reservationId', i), i);
	const client = await clientFor.call(this, i);
	const reservation = await client.get<IDataObject>(`/reservations/${encodeURIComponent(id)}`, undefined, i);
	return maybeSimplify.call(this, i, true, reservation);
}
