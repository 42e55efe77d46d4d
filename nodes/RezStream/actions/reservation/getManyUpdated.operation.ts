import { updatedSinceList } from '../common';

export const { description, execute } = updatedSinceList({
	resource: 'reservation',
	operation: 'getManyUpdated',
	path: '/reservations/updated',
	simplify: true,
	paging: 'cursor',
	sinceDescription: 'Reservations created or changed at or after this moment, oldest change first.',
});
