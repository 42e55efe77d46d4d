import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { pollStartProperties } from '../shared/poll/startProperties';
import { authenticationProperty, resHarmonicsCredentials, resHarmonicsIcon } from './descriptions/common';
import { LAST_UPDATED_FIELD } from './trigger/rows';
import { pollChanges } from './trigger/poll';

export class ResHarmonicsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Res:harmonics Trigger',
		name: 'resHarmonicsTrigger',
		icon: resHarmonicsIcon,
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "roomStayCreatedOrUpdated" ? "Room stay created or updated" : "Booking created or updated"}}',
		description: 'Starts the workflow when a Res:harmonics booking or room stay is created or changed (polling)',
		defaults: { name: 'Res:harmonics Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: resHarmonicsCredentials,
		properties: [
			authenticationProperty,
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
			...pollStartProperties('The first changes to deliver are those last updated at or after this moment, e.g. 2026-11-01T00:00:00Z. A value without a zone is in the workflow\'s time zone.'),
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
