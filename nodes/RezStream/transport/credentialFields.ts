import type { INodeProperties } from 'n8n-workflow';

/** Connection fields shared by both rezStream credentials. */
export const rezStreamConnectionFields: INodeProperties[] = [
	{
		displayName: 'Tenant ID',
		name: 'tenantId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3f2b8c1e-5d4a-4e7b-9c2d-1a6f0e8b7c55',
		description:
			'Only for tokens with access to several tenants: sent as X-RezStream-Tenant-ID on every call. Leave empty for a single-tenant token. A node can override it with its Tenant option.',
	},
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-01-01',
		description:
			'Optional date-style API version (YYYY-MM-DD), sent as X-RezStream-Api-Version. Leave empty to use the default version of the API.',
	},
	{
		displayName: 'API Base URL',
		name: 'baseUrl',
		type: 'string',
		default: 'https://cloudapi.rezstream.com',
		description: 'The rezStream Cloud API. Change it only for a sandbox.',
	},
];
