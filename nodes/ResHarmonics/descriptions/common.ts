import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

export const resHarmonicsIcon = {
	light: 'file:../../icons/resharmonics.svg',
	dark: 'file:../../icons/resharmonics.dark.svg',
} as const;

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Client Credentials)', value: 'oAuth2' },
		{ name: 'API Key (X-Auth-Token)', value: 'apiKey' },
	],
	default: 'oAuth2',
	description: 'OAuth2 client credentials (the documented way), or an API key sent as X-Auth-Token. Get Pricing of a booking needs the API key.',
};

/** Both credentials, each shown for its value of the Authentication parameter. */
export const resHarmonicsCredentials: INodeCredentialDescription[] = [
	{ name: 'resHarmonicsOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'resHarmonicsApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
];

/** A resource locator with a searchable list and a plain ID mode (Res:harmonics IDs are numbers). */
export function locator(spec: { displayName: string; name: string; description: string; searchListMethod: string; required?: boolean }): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: spec.required ?? true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1042',
				validation: [{ type: 'regex', properties: { regex: '\\s*[0-9]{1,18}\\s*', errorMessage: 'A Res:harmonics ID is a whole number, such as 1042' } }],
			},
		],
	};
}

export const bookingLocator = (description = 'The booking (its bookingId)') =>
	locator({ displayName: 'Booking', name: 'bookingId', description, searchListMethod: 'searchBookings' });

export const unitLocator = (description = 'The unit (apartment or room)', required = true) =>
	locator({ displayName: 'Unit', name: 'unitId', description, searchListMethod: 'searchUnits', required });

export const buildingLocator = (description = 'The building', required = true) =>
	locator({ displayName: 'Building', name: 'buildingId', description, searchListMethod: 'searchBuildings', required });

/** A plain ID parameter (no list to pick from). */
export function idField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', required: true, placeholder: 'e.g. 20001', description };
}

export const DATE_HINT = 'A plain date, YYYY-MM-DD (e.g. 2026-12-01), taken as written: never shifted by a time zone';
export const TIMESTAMP_HINT = 'An ISO 8601 timestamp with Z or an offset, e.g. 2026-11-01T00:00:00Z';

export function dateField(displayName: string, name: string, description: string, required = false): INodeProperties {
	return { displayName, name, type: 'string', default: '', required, placeholder: 'e.g. 2026-12-01', description: `${description}. ${DATE_HINT}.` };
}

export function timestampField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder: 'e.g. 2026-11-01T00:00:00Z', description: `${description}. ${TIMESTAMP_HINT}.` };
}

export function simplifyField(what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return ${what} as a few flat fields instead of the API's full object`,
	};
}
