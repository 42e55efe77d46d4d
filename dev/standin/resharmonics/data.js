'use strict';
/*
 * The Res:harmonics stand-in's records and what changes them. Deterministic demo data: units in
 * buildings and areas, unit types, rates, contacts, bookings with one or two room stays each,
 * guests per room stay.
 *
 * ASSUMPTION (the one place): the row field that carries a record's last update is not
 * documented. The stand-in calls it `lastUpdated` (ISO 8601, UTC, milliseconds) on bookings,
 * room stays, booking-list rows and guest stays; `lastUpdatedFrom` / `lastUpdatedTo` compare
 * against it, both inclusive.
 */
const LAST_UPDATED = 'lastUpdated';

const BOOKING_STATUSES = ['ENQUIRY', 'PENDING', 'CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT', 'CANCELLED'];

const pad = (n, w = 2) => String(n).padStart(w, '0');
const iso = (ms) => new Date(ms).toISOString();
function addDays(date, days) {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

function createData({ bookings = 30, units = 8, start = Date.parse('2026-11-01T08:00:00Z'), stayStart = '2026-12-01' } = {}) {
	const areas = [
		{ id: 1, name: 'London' },
		{ id: 2, name: 'Manchester' },
	];
	const buildings = [
		{ id: 11, name: 'Harmony House', areaId: 1 },
		{ id: 12, name: 'Canal Wharf', areaId: 2 },
	];
	const unitTypes = [
		{ id: 21, name: 'Studio', maxOccupancy: 2 },
		{ id: 22, name: 'Two Bedroom Apartment', maxOccupancy: 4 },
	];
	const rates = [
		{ id: 31, name: 'Standard Nightly', currency: 'GBP' },
		{ id: 32, name: 'Corporate 30+ Nights', currency: 'GBP' },
	];
	const unitList = Array.from({ length: units }, (_, i) => ({
		id: 101 + i,
		name: `Apartment ${pad(i + 1)}`,
		buildingId: buildings[i % 2].id,
		unitTypeId: unitTypes[i % 2].id,
		areaId: buildings[i % 2].areaId,
	}));
	const contacts = Array.from({ length: 12 }, (_, i) => ({
		id: 501 + i,
		firstName: ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn'][i % 6],
		lastName: ['Lovelace', 'Okafor', 'Nakamura', 'Patel', 'Moreau', 'Walsh'][(i * 5) % 6],
		emailAddress: `guest${i + 1}@example.com`,
		telephone: `+44 20 7946 ${pad(i, 4)}`,
	}));
	const state = { areas, buildings, unitTypes, rates, units: unitList, contacts, bookings: [], clock: start, nextId: 9000 };
	const tick = () => (state.clock += 1000);
	for (let b = 0; b < bookings; b++) {
		const at = iso(tick());
		const contact = contacts[b % contacts.length];
		const booking = {
			id: 1001 + b,
			bookingReference: `RH-${1001 + b}`,
			status: BOOKING_STATUSES[1 + (b % 4)],
			bookingContactId: contact.id,
			bookingAccountId: 700 + (b % 3),
			billingAccountId: 800 + (b % 2),
			channelId: b % 5 === 0 ? 3 : 1,
			otaReference: b % 5 === 0 ? `OTA-${b}` : null,
			customerReference: `PO-${b}`,
			organisationSettingsId: 1,
			createdDate: at,
			[LAST_UPDATED]: at,
			roomStays: [],
		};
		const stays = b % 3 === 0 ? 2 : 1;
		for (let r = 0; r < stays; r++) {
			const unit = unitList[(b + r) % unitList.length];
			const startDate = addDays(stayStart, (b * 2) % 40);
			booking.roomStays.push({
				roomStayId: 20001 + b * 2 + r,
				bookingId: booking.id,
				unit: { id: unit.id, name: unit.name },
				startDate,
				endDate: addDays(startDate, 2 + (b % 5)),
				netAmount: 120 * (2 + (b % 5)),
				status: booking.status,
				createdDate: at,
				[LAST_UPDATED]: at,
				guests: [{ contactId: contact.id, firstName: contact.firstName, lastName: contact.lastName, emailAddress: contact.emailAddress, lead: true }],
			});
		}
		state.bookings.push(booking);
	}
	return state;
}

/** The bookings list's row: one per room stay (bookingId + roomStayId, no id). */
function bookingRow(booking, stay) {
	return {
		bookingId: booking.id,
		roomStayId: stay.roomStayId,
		bookingReference: booking.bookingReference,
		status: stay.status,
		bookingContactId: booking.bookingContactId,
		unit: { ...stay.unit },
		startDate: stay.startDate,
		endDate: stay.endDate,
		netAmount: stay.netAmount,
		channelId: booking.channelId,
		otaReference: booking.otaReference,
		customerReference: booking.customerReference,
		createdDate: booking.createdDate,
		[LAST_UPDATED]: stay[LAST_UPDATED] > booking[LAST_UPDATED] ? stay[LAST_UPDATED] : booking[LAST_UPDATED],
	};
}

function roomStayRow(booking, stay) {
	const { guests, ...rest } = stay;
	return { ...rest, unit: { ...stay.unit }, bookingReference: booking.bookingReference, channelId: booking.channelId, otaReference: booking.otaReference };
}

/** Data changes a test scripts (also during a trigger's drain). `at` = an explicit lastUpdated. */
function mutations(state) {
	const stamp = (at) => (at === undefined ? iso((state.clock = Math.max(state.clock + 1, Date.now()))) : at);
	const find = (id) => state.bookings.find((b) => b.id === Number(id));
	return {
		updateBooking(id, changes = {}, at) {
			const booking = find(id);
			if (!booking) throw new Error(`no booking ${id}`);
			const when = stamp(at);
			Object.assign(booking, changes, { [LAST_UPDATED]: when });
			for (const stay of booking.roomStays) {
				if (changes.status) stay.status = changes.status;
				stay[LAST_UPDATED] = when;
			}
			return booking;
		},
		addRoomStay(id, { unitId, startDate, endDate, netAmount = 300 } = {}, at) {
			const booking = find(id);
			if (!booking) throw new Error(`no booking ${id}`);
			const when = stamp(at);
			const unit = state.units.find((u) => u.id === Number(unitId)) ?? state.units[0];
			const stay = {
				roomStayId: ++state.nextId + 30000,
				bookingId: booking.id,
				unit: { id: unit.id, name: unit.name },
				startDate: startDate ?? booking.roomStays[0].startDate,
				endDate: endDate ?? booking.roomStays[0].endDate,
				netAmount,
				status: booking.status,
				createdDate: when,
				[LAST_UPDATED]: when,
				guests: [],
			};
			booking.roomStays.push(stay);
			booking[LAST_UPDATED] = when;
			return stay;
		},
		createBooking(fields = {}, at) {
			const when = stamp(at);
			const id = ++state.nextId;
			const unit = state.units.find((u) => u.id === Number(fields.unitId)) ?? state.units[0];
			const booking = {
				id,
				bookingReference: `RH-${id}`,
				status: fields.status ?? 'ENQUIRY',
				bookingContactId: fields.bookingContactId ?? null,
				bookingAccountId: null,
				billingAccountId: null,
				channelId: 1,
				otaReference: null,
				customerReference: fields.customerReference ?? null,
				organisationSettingsId: 1,
				createdDate: when,
				[LAST_UPDATED]: when,
				roomStays: [],
			};
			booking.roomStays.push({
				roomStayId: ++state.nextId + 30000,
				bookingId: id,
				unit: { id: unit.id, name: unit.name },
				startDate: fields.startDate ?? '2026-12-20',
				endDate: fields.endDate ?? '2026-12-22',
				netAmount: fields.netAmount ?? 240,
				status: booking.status,
				createdDate: when,
				[LAST_UPDATED]: when,
				guests: [],
			});
			state.bookings.push(booking);
			return booking;
		},
	};
}

module.exports = { createData, bookingRow, roomStayRow, mutations, addDays, BOOKING_STATUSES, LAST_UPDATED };
