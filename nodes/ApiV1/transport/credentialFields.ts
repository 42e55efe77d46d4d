import type { INodeProperties } from 'n8n-workflow';

/** Where the README's API v1 section is: the docs link of both credentials. */
export const API_V1_DOCS_URL =
	'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#api-v1';

export const baseUrlField: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. https://api.example.com',
	description:
		'The address of the API without a path: the OAuth endpoints are under {Base URL}/oauth/ and the resources under {Base URL}/api/v1/',
};

/** What the HTTP Request node shows for both API v1 credentials. */
export const apiV1HttpRequestNode = {
	name: 'API v1',
	docsUrl: API_V1_DOCS_URL,
	apiBaseUrlPlaceholder: 'https://api.example.com/api/v1/',
};
