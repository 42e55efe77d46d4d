import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { mapBounded } from '../shared/transport/paginate';
import { findLink } from '../shared/transport/linkHeader';
import { pollDeadline, readCursor, writeCursor } from '../shared/poll/state';
import { compareInstants, requireInstant } from '../shared/validation';
import { instantInZone } from './actions/plainDate';
import { simplifyReservation } from './actions/simplify';
import {
	authenticationProperty,
	INSTANT_HINT,
	rezStreamCredentials,
	rezStreamIcon,
	simplifyProperties,
	tenantLocator,
} from './descriptions/common';
import { listSearch } from './methods';
import { credentialTypeOf, MAX_PAGE_SIZE, rezStreamClient } from './transport';
import type { RezStreamAuthentication, RezStreamClient } from './transport';

/**
 * Where the trigger is in the /reservations/updated stream. The stream is ordered by
 * (updatedAt, id) and a reservation moves to its end whenever it changes, so "everything
 * after the last reservation handled" is exactly what has not been seen in its current state.
 */
interface Cursor {
	/** The `from` of every request: the start chosen at activation. */
	from: string;
	/** updatedAt and id of the last reservation handled; absent before the first one. */
	afterAt?: string;
	afterId?: string;
	/** "New only": reservations made after this moment have not been seen before. Moves when a drain completes. */
	newSince: string;
	/** "New only": reservations emitted as new during a drain that has not completed yet. */
	newIds: string[];
}

interface Reservation extends IDataObject {
	id: string;
	updatedAt: string;
	madeAt?: string;
}

const CURSOR_VERSION = 1;
/** Bounds the "new only" memory of an unfinished drain. */
const MAX_NEW_IDS = 10_000;
/** Detail requests in flight at once when the full reservation is fetched. */
const DETAIL_CONCURRENCY = 4;
/** Manual "fetch test event": windows tried, smallest first, and pages read per window. */
const SAMPLE_WINDOWS_HOURS = [1, 24, 24 * 7, 24 * 30, 24 * 365];
const SAMPLE_MAX_PAGES = 20;

function isReservation(value: unknown): value is Reservation {
	return (
		!!value &&
		typeof value === 'object' &&
		typeof (value as Reservation).id === 'string' &&
		typeof (value as Reservation).updatedAt === 'string'
	);
}

function reservationsOf(items: unknown[]): Reservation[] {
	return items.filter(isReservation);
}

async function withDetails(
	client: RezStreamClient,
	reservations: Reservation[],
	fetchFull: boolean,
): Promise<IDataObject[]> {
	if (!fetchFull) return reservations;
	return await mapBounded(reservations.length, DETAIL_CONCURRENCY, async (i) =>
		client.get<IDataObject>(`/reservations/${encodeURIComponent(reservations[i].id)}`),
	);
}

export class RezStreamTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'rezStream Trigger',
		name: 'rezStreamTrigger',
		icon: rezStreamIcon,
		group: ['trigger'],
		// 1.1: Simplify on by default (version 1 triggers keep the full object).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["event"] === "newOnly" ? "New reservations" : "New or updated reservations"}}',
		description: 'Starts the workflow when a rezStream reservation is created or changed',
		defaults: { name: 'rezStream Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: rezStreamCredentials,
		properties: [
			authenticationProperty,
			tenantLocator,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New or Updated Reservation',
						value: 'newOrUpdated',
						description: 'Every reservation created or changed, once per change seen',
					},
					{
						name: 'New Reservation',
						value: 'newOnly',
						description: 'Only reservations never seen before',
					},
				],
				default: 'newOrUpdated',
			},
			{
				displayName: 'Start',
				name: 'startAt',
				type: 'options',
				options: [
					{ name: 'Now', value: 'now', description: 'Only changes made after the workflow is activated' },
					{ name: 'At a Date and Time', value: 'dateTime', description: 'Also the changes made since a moment in the past' },
				],
				default: 'now',
				description: 'Where the trigger starts the first time it is activated. Changing this starts it afresh.',
			},
			{
				displayName: 'Start Date and Time',
				name: 'startDateTime',
				type: 'dateTime',
				default: '',
				required: true,
				description: `The first changes to deliver are those made at or after this moment. ${INSTANT_HINT}.`,
				displayOptions: { show: { startAt: ['dateTime'] } },
			},
			...simplifyProperties('each reservation'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Fetch Full Reservation',
						name: 'fetchFullReservation',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch each reservation in full (people, invoices…) with one more request per reservation',
					},
				],
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const authentication = this.getNodeParameter('authentication', 'oAuth2') as RezStreamAuthentication;
		const event = this.getNodeParameter('event', 'newOrUpdated') as string;
		const startAt = this.getNodeParameter('startAt', 'now') as string;
		const tenant = this.getNodeParameter('tenant', '', { extractValue: true }) as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const fetchFull = options.fetchFullReservation === true;
		const shape = (json: IDataObject): IDataObject =>
			this.getNodeParameter('simplify', false) === true ? simplifyReservation(json) : json;
		const startDateTime =
			startAt === 'dateTime'
				? requireInstant(node, 'Start Date and Time', instantInZone(this.getNodeParameter('startDateTime', ''), this.getTimezone()))
				: undefined;
		const client = await rezStreamClient(this, { authentication, tenant });

		if (this.getMode() === 'manual') {
			const sample = await latestReservation(client, new Date());
			if (!sample) {
				throw new NodeOperationError(node, 'No reservation was created or changed in the last year, so there is no test event', {
					description: 'Create or change a reservation in rezStream (or pick another tenant) and fetch again. The trigger itself is not affected.',
				});
			}
			const [item] = await withDetails(client, [sample], fetchFull);
			return [[{ json: shape(item) }]];
		}

		const credentialType = credentialTypeOf(authentication) ?? authentication;
		const credentialId = node.credentials?.[credentialType]?.id ?? '';
		const key = JSON.stringify([credentialType, credentialId, tenant, startAt, startDateTime ?? '']);
		const stored = readCursor<Cursor>(this, key, CURSOR_VERSION);
		if (!stored && startAt === 'now') {
			const now = new Date().toISOString();
			writeCursor<Cursor>(this, key, CURSOR_VERSION, { from: now, newSince: now, newIds: [] });
			return null;
		}
		const cursor: Cursor = stored ?? { from: startDateTime as string, newSince: startDateTime as string, newIds: [] };

		const deadline = pollDeadline(this, Date.now());
		const emitted: Reservation[] = [];
		// A Set for the lookups (a drain of a big backlog checks every reservation against it).
		const newIds = new Set(cursor.newIds);
		let caughtUp = false;
		let page = await client.page<unknown>('/reservations/updated', {
			from: cursor.from,
			afterAt: cursor.afterAt,
			afterId: cursor.afterAt ? cursor.afterId : undefined,
			limit: MAX_PAGE_SIZE,
		});
		for (;;) {
			const reservations = reservationsOf(page.items);
			if (reservations.length === 0) {
				caughtUp = true;
				break;
			}
			for (const reservation of reservations) {
				cursor.afterAt = reservation.updatedAt;
				cursor.afterId = reservation.id;
				const isNew =
					(reservation.madeAt === undefined || compareInstants(reservation.madeAt, cursor.newSince) > 0) &&
					!newIds.has(reservation.id);
				if (isNew) newIds.add(reservation.id);
				if (event !== 'newOnly' || isNew) emitted.push(reservation);
			}
			const next = findLink(page.links, 'next');
			if (!next) {
				caughtUp = true;
				break;
			}
			if (Date.now() >= deadline) break;
			page = await client.page<unknown>(next);
		}
		if (caughtUp) {
			// Everything made up to the cursor has now been seen in its newest state.
			if (cursor.afterAt && compareInstants(cursor.afterAt, cursor.newSince) > 0) cursor.newSince = cursor.afterAt;
			cursor.newIds = [];
		} else {
			// Insertion order is kept, so the oldest ids are the ones dropped at the bound.
			cursor.newIds = [...newIds].slice(-MAX_NEW_IDS);
		}
		const items = await withDetails(client, emitted, fetchFull);
		// Only now, with every request done, does the cursor move (n8n saves it with the emitted items).
		writeCursor(this, key, CURSOR_VERSION, cursor);
		return items.length ? [items.map((json) => ({ json: shape(json) }))] : null;
	}
}

/** The most recently changed reservation, looking back through growing windows. */
async function latestReservation(client: RezStreamClient, now: Date): Promise<Reservation | undefined> {
	for (const hours of SAMPLE_WINDOWS_HOURS) {
		const from = new Date(now.getTime() - hours * 3_600_000).toISOString();
		let page = await client.page<unknown>('/reservations/updated', { from, limit: MAX_PAGE_SIZE });
		let latest: Reservation | undefined;
		for (let pages = 1; ; pages++) {
			const reservations = reservationsOf(page.items);
			if (reservations.length === 0) break;
			latest = reservations[reservations.length - 1];
			const next = findLink(page.links, 'next');
			if (!next || pages >= SAMPLE_MAX_PAGES) break;
			page = await client.page<unknown>(next);
		}
		if (latest) return latest;
	}
	return undefined;
}
