import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { LAST_UPDATED_FIELD } from './trigger/rows';
import { pollChanges } from './trigger/poll';

export class ResHarmonicsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Res:harmonics Trigger',
		name: 'resHarmonicsTrigger',
		icon: { light: 'file:../../icons/resharmonics.svg', dark: 'file:../../icons/resharmonics.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "roomStayCreatedOrUpdated" ? "Room stay created or updated" : "Booking created or updated"}}',
		description: 'Starts the workflow when a Res:harmonics booking or room stay is created or changed (polling)',
		defaults: { name: 'Res:harmonics Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'resHarmonicsOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: 'resHarmonicsApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'OAuth2 (Client Credentials)', value: 'oAuth2' },
					{ name: 'API Key (X-Auth-Token)', value: 'apiKey' },
				],
				default: 'oAuth2',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'Booking Created or Updated',
						value: 'bookingCreatedOrUpdated',
						description: 'One item per booking and change, with its room-stay rows under roomStays',
					},
					{
						name: 'Room Stay Created or Updated',
						value: 'roomStayCreatedOrUpdated',
						description: 'One item per room stay and change',
					},
				],
				default: 'bookingCreatedOrUpdated',
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
				description:
					'The first changes to deliver are those last updated at or after this moment, e.g. 2026-11-01T00:00:00Z. A value without a zone is in the workflow\'s time zone.',
				displayOptions: { show: { startAt: ['dateTime'] } },
			},
			{
				displayName: `Each change is delivered once, in the order of its "${LAST_UPDATED_FIELD}" time. A change saved up to 5 minutes late (with an earlier time) is still delivered.`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges(this);
	}
}
