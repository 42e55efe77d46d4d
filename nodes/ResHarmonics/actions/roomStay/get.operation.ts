import { idField } from '../../descriptions/common';
import { getOne } from '../common';
import { simplifyStay } from '../simplify';

export const { description, execute } = getOne('roomStay', 'get', {
	field: idField('Room Stay ID', 'roomStayId', 'The room stay (its roomStayId, as in the rows of Get Many bookings)'),
	label: 'Room Stay ID',
	path: (id) => `/api/v3/roomStays/${id}`,
	simplify: simplifyStay,
	what: 'room stay',
});
