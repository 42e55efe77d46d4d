import { idField } from '../../descriptions/common';
import { getOne } from '../common';

export const { description, execute } = getOne('guestStay', 'get', {
	field: idField('Guest Stay ID', 'guestStayId', 'The guest stay (its ID)'),
	label: 'Guest Stay ID',
	path: (id) => `/api/v3/guestStays/${id}`,
});
