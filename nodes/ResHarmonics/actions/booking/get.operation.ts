import { bookingLocator } from '../../descriptions/common';
import { getOne } from '../common';
import { simplifyBooking } from '../simplify';

export const { description, execute } = getOne('booking', 'get', {
	field: bookingLocator('The booking to get, with its room stays'),
	label: 'Booking',
	path: (id) => `/api/v3/bookings/${id}`,
	simplify: simplifyBooking,
});
