import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2', value: 'oAuth2' },
		{ name: 'Access Token', value: 'accessToken' },
	],
	default: 'oAuth2',
	description:
		'OAuth2 (recommended by rezStream), or a long-lived access token generated in the rezStream account portal',
};

/** A resource locator with a searchable list and a plain ID mode. */
function listOrIdLocator(spec: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	example: string;
	required?: boolean;
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: spec.required,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: `e.g. ${spec.example}` },
		],
	};
}

/** Optional tenant picker for multi-tenant tokens; overrides the credential's Tenant ID. */
export const tenantLocator = listOrIdLocator({
	displayName: 'Tenant',
	name: 'tenant',
	description:
		'Only needed when the token has access to several tenants (sent as X-RezStream-Tenant-ID). Leave empty to use the Tenant ID of the credential, or the only tenant of the token.',
	searchListMethod: 'searchTenants',
	example: '3f2b8c1e-5d4a-4e7b-9c2d-1a6f0e8b7c55',
});

export const rateLocator = listOrIdLocator({
	displayName: 'Rate',
	name: 'rateId',
	description: 'The rate whose nightly values are set',
	searchListMethod: 'searchRates',
	example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
	required: true,
});

export const rezStreamIcon = {
	light: 'file:../../icons/rezstream.svg',
	dark: 'file:../../icons/rezstream.dark.svg',
} as const;

/** Both credentials, each shown for its value of the Authentication parameter. */
export const rezStreamCredentials: INodeCredentialDescription[] = [
	{ name: 'rezStreamOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'rezStreamApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
];

const STAY_DATE_HINT =
	"A day in the property's calendar: the day picked is used as it is, never shifted by a time zone. An expression also works: {{ $today }} gives today in the workflow's time zone; text such as 2025-07-01 is taken as written";

export function stayDateFields(fromDescription: string, toDescription: string): INodeProperties[] {
	const fromText = `${fromDescription} ${STAY_DATE_HINT}.`;
	const toText = `${toDescription} On or after From. ${STAY_DATE_HINT}.`;
	return [
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			required: true,
			description: fromText,
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			required: true,
			description: toText,
		},
	];
}

/** The text every instant parameter adds to its description. */
export const INSTANT_HINT =
	"A moment picked is in the workflow's time zone. Text in ISO 8601 with Z or an offset (2025-07-01T00:00:00Z, …+02:00) is taken as written";

export function updatedSinceField(sinceDescription: string): INodeProperties {
	const description = `${sinceDescription} ${INSTANT_HINT}.`;
	return {
		displayName: 'Updated Since',
		name: 'updatedSince',
		type: 'dateTime',
		default: '',
		required: true,
		description,
	};
}

/**
 * The Simplify toggle: on for nodes added from version 1.1 (as n8n's own nodes do for large
 * records), off for version 1 nodes, whose workflows were built on the API's full object.
 */
export function simplifyProperties(what: string): INodeProperties[] {
	const base: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return ${what} as flat fields (ID, status, arrival, departure, nights, guest name, email and phone, unit and rate IDs, total, updatedAt) instead of the API's full object`,
	};
	return [
		{ ...base, default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
		{ ...base, default: false, displayOptions: { show: { '@version': [1] } } },
	];
}
