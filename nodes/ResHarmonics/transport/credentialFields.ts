import type { INodeProperties } from 'n8n-workflow';

/** Where the README's Res:harmonics sections are: the docs link of every Res:harmonics credential. */
export const RES_HARMONICS_DOCS_URL =
	'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#resharmonics';

export const PRODUCTION_BASE_URL = 'https://apiv3.rerumapp.uk';
export const TESTING_BASE_URL = 'https://apiv3.resharmonics-dev.com';
export const DEFAULT_TOKEN_URL = 'https://auth.rerumapp.uk/oauth2/token';

/** Environment and, for a custom one, its base URL: the same fields on both API credentials. */
export const environmentFields: INodeProperties[] = [
	{
		displayName: 'Environment',
		name: 'environment',
		type: 'options',
		options: [
			{ name: 'Production', value: 'production', description: PRODUCTION_BASE_URL },
			{ name: 'Testing', value: 'testing', description: TESTING_BASE_URL },
			{ name: 'Custom', value: 'custom', description: 'Another address, for example a proxy or an older host' },
		],
		default: 'production',
		description: 'Which Res:harmonics API to call. API support (apisupport@resharmonics.com) says which one your client is registered for.',
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: `e.g. ${PRODUCTION_BASE_URL}`,
		description: 'The API address without a path: requests go to {Base URL}/api/v3/…',
		displayOptions: { show: { environment: ['custom'] } },
	},
];

/**
 * The API root of the chosen environment, as an n8n expression over the credential's own
 * fields (the credential tests use it; the node resolves the same choice in code).
 */
export const BASE_URL_EXPRESSION = `={{$credentials.environment === "custom" ? String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") : ($credentials.environment === "testing" ? "${TESTING_BASE_URL}" : "${PRODUCTION_BASE_URL}")}}`;

/** The cheapest call that proves a credential works: one unit (page 0, size 1). */
export const CREDENTIAL_TEST_PATH = '/api/v3/units';

/** What the HTTP Request node shows for the Res:harmonics credentials. */
export const resHarmonicsHttpRequestNode = {
	name: 'Res:harmonics',
	docsUrl: 'https://apidocs.resharmonics.com',
	apiBaseUrl: `${PRODUCTION_BASE_URL}/api/v3/`,
};
