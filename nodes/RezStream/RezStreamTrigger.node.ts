import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { readCursor, writeCursor } from '../shared/poll/state';
import { pollDeadline } from '../shared/poll/budget';
import { requireInstant } from '../shared/validation';
import { quote } from '../shared/transport/errors';
import { instantInZone } from '../shared/plainDate';
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
import { credentialTypeOf, rezStreamClient } from './transport';
import type { RezStreamAuthentication } from './transport';
import { CURSOR_VERSION, freshCursor, normaliseCursor, upgradeCursor } from './trigger/cursor';
import type { Cursor } from './trigger/cursor';
import { drain, MAX_STALLS } from './trigger/drain';
import { apiStart, sampleReservation } from './trigger/start';

/** Reservation statuses offered by the Status filter (the values rezStream reports). */
const STATUSES = ['Reserved', 'Tentative', 'CheckedIn', 'CheckedOut', 'Cancelled'];

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
				description:
					"Where the trigger starts the first time it is activated. Changing this choice (or the text of Start Date and Time) starts it afresh; an expression's changing value does not.",
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
						displayName: 'Status',
						name: 'statuses',
						type: 'multiOptions',
						options: STATUSES.map((value) => ({ name: value.replace(/([a-z])([A-Z])/g, '$1 $2'), value })),
						default: [],
						description:
							'Emit only reservations whose status, after their latest change, is one of these (for example Cancelled: "when a reservation is cancelled"). Others are skipped and not emitted later. Empty = every status.',
					},
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
		const deadline = pollDeadline(this);
		const authentication = this.getNodeParameter('authentication', 'oAuth2') as RezStreamAuthentication;
		const event = this.getNodeParameter('event', 'newOrUpdated') as string;
		const startAt = this.getNodeParameter('startAt', 'now') as string;
		const tenant = this.getNodeParameter('tenant', '', { extractValue: true }) as string;
		const options = this.getNodeParameter('options', {}) as IDataObject | null;
		if (options === null || typeof options !== 'object' || Array.isArray(options)) {
			throw new NodeOperationError(node, `Options: ${quote(options)} is not a set of options`, {
				description: 'Remove the expression from Options, or make it return an object such as { "fetchFullReservation": true }.',
			});
		}
		if (event !== 'newOrUpdated' && event !== 'newOnly') {
			throw new NodeOperationError(node, `Event: ${quote(event)} is not one of New or Updated Reservation, New Reservation`);
		}
		if (startAt !== 'now' && startAt !== 'dateTime') {
			throw new NodeOperationError(node, `Start: ${quote(startAt)} is not one of Now, At a Date and Time`);
		}
		const fetchFull = options.fetchFullReservation === true || options.fetchFullReservation === 'true';
		const statuses = readStatuses(this, options.statuses);
		const shape = (json: IDataObject): IDataObject =>
			this.getNodeParameter('simplify', false) === true ? simplifyReservation(json) : json;
		const startDateTime =
			startAt === 'dateTime'
				? requireInstant(node, 'Start Date and Time', instantInZone(this.getNodeParameter('startDateTime', ''), this.getTimezone()))
				: undefined;
		// Read once per poll: a credential edited while the workflow is active applies at the next poll.
		const client = await rezStreamClient(this, { authentication, tenant, fresh: true, deadline });

		if (this.getMode() === 'manual') {
			const sample = await sampleReservation(node, client, { fetchFull, statuses, deadline });
			return [[{ json: shape(sample) }]];
		}

		const credentialType = credentialTypeOf(authentication) ?? authentication;
		const credentialId = node.credentials?.[credentialType]?.id ?? '';
		// The cursor belongs to the choice, not to a value that moves by itself: an expression
		// such as {{ $today.minus({days: 7}) }} is keyed by its text.
		const startText = startAt === 'dateTime' ? String(node.parameters?.startDateTime ?? '') : '';
		const key = JSON.stringify([credentialType, credentialId, tenant, startAt, startText]);
		let cursor: Cursor;
		let activating = false;
		const stored = readCursor<Cursor>(this, key, CURSOR_VERSION);
		if (stored) cursor = normaliseCursor(stored);
		else {
			const v1 = readCursor<IDataObject>(this, JSON.stringify([credentialType, credentialId, tenant, startAt, startDateTime ?? '']), 1);
			if (v1) cursor = upgradeCursor(v1);
			else if (startAt === 'dateTime') cursor = freshCursor(startDateTime as string);
			else {
				const start = await apiStart(client);
				cursor = freshCursor(start.from, start.primeUntil);
				activating = true;
			}
		}
		const before = `${cursor.afterAt ?? ''}\u0000${cursor.afterId ?? ''}\u0000${cursor.primeUntil ?? ''}`;
		const result = await drain(node, client, cursor, { event, fetchFull, statuses, deadline, activating });
		const progressed =
			result.items.length > 0 ||
			result.caughtUp ||
			activating ||
			`${cursor.afterAt ?? ''}\u0000${cursor.afterId ?? ''}\u0000${cursor.primeUntil ?? ''}` !== before;
		if (result.stoppedAtBudget && !progressed) {
			cursor.stalls = (cursor.stalls ?? 0) + 1;
			if (cursor.stalls >= MAX_STALLS && result.stoppedAtBudget instanceof Error) {
				// Ended cleanly several times in a row: now say why, so that it is not silent.
				throw result.stoppedAtBudget;
			}
		} else {
			cursor.stalls = 0;
		}
		// Only now, with every request done, does the cursor move (n8n saves it with the emitted items).
		writeCursor(this, key, CURSOR_VERSION, cursor);
		return result.items.length ? [result.items.map((json) => ({ json: shape(json) }))] : null;
	}
}

function readStatuses(ctx: IPollFunctions, raw: unknown): string[] {
	if (raw === undefined || raw === null || raw === '') return [];
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
	if (!list || list.some((s) => typeof s !== 'string')) {
		throw new NodeOperationError(ctx.getNode(), `Status: ${quote(raw)} is not a list of statuses`, {
			description: `Choose from ${STATUSES.join(', ')}.`,
		});
	}
	return (list as string[]).map((s) => s.trim()).filter((s) => s !== '');
}
