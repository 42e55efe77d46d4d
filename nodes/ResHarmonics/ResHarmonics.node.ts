import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as area from './actions/area';
import * as availability from './actions/availability';
import * as booking from './actions/booking';
import * as building from './actions/building';
import * as contact from './actions/contact';
import * as guestStay from './actions/guestStay';
import * as rate from './actions/rate';
import * as roomStay from './actions/roomStay';
import { router } from './actions/router';
import * as unit from './actions/unit';
import * as unitType from './actions/unitType';
import { authenticationProperty, resHarmonicsCredentials, resHarmonicsIcon } from './descriptions/common';
import { listSearch } from './methods';

export class ResHarmonics implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Res:Harmonics',
		name: 'resHarmonics',
		icon: resHarmonicsIcon,
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read and change bookings, room stays, guest stays, contacts and availability in the Res:harmonics PMS',
		defaults: { name: 'Res:Harmonics' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: resHarmonicsCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Area', value: 'area' },
					{ name: 'Availability', value: 'availability' },
					{ name: 'Booking', value: 'booking' },
					{ name: 'Building', value: 'building' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Guest Stay', value: 'guestStay' },
					{ name: 'Rate', value: 'rate' },
					{ name: 'Room Stay', value: 'roomStay' },
					{ name: 'Unit', value: 'unit' },
					{ name: 'Unit Type', value: 'unitType' },
				],
				default: 'booking',
			},
			...booking.description,
			...roomStay.description,
			...guestStay.description,
			...contact.description,
			...availability.description,
			...unit.description,
			...unitType.description,
			...building.description,
			...area.description,
			...rate.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
