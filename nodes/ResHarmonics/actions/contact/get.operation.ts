import { idField } from '../../descriptions/common';
import { getOne } from '../common';

export const { description, execute } = getOne('contact', 'get', {
	field: idField('Contact ID', 'contactId', 'The contact (its ID)'),
	label: 'Contact ID',
	path: (id) => `/api/v3/contacts/${id}`,
});
