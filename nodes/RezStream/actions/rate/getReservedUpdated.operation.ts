import { updatedSinceList } from '../common';

export const { description, execute } = updatedSinceList({
	resource: 'rate',
	operation: 'getReservedUpdated',
	path: '/rates/reserved/updated',
	paging: 'cursor',
	sinceDescription: 'Reserved rates created or changed at or after this moment, oldest change first.',
});
