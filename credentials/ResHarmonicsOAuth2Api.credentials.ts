import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	BASE_URL_EXPRESSION,
	CREDENTIAL_TEST_PATH,
	DEFAULT_TOKEN_URL,
	environmentFields,
	resHarmonicsHttpRequestNode,
} from '../nodes/ResHarmonics/transport/credentialFields';

/**
 * Res:harmonics PMS API v3 through OAuth2 client credentials. n8n fetches the token at the
 * Token URL, stores it, and fetches a new one when the API answers 401 ("The incoming token
 * has expired"), then repeats the request once.
 */
export class ResHarmonicsOAuth2Api implements ICredentialType {
	name = 'resHarmonicsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Res:Harmonics OAuth2 API';

	documentationUrl = 'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#resharmonics';

	icon: Icon = { light: 'file:../icons/resharmonics.svg', dark: 'file:../icons/resharmonics.dark.svg' };

	httpRequestNode = resHarmonicsHttpRequestNode;

	properties: INodeProperties[] = [
		...environmentFields,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: DEFAULT_TOKEN_URL,
			required: true,
			description: 'Where the client ID and secret are exchanged for an access token. Change it only if Res:harmonics gave you another one.',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			placeholder: 'e.g. api/read api/write',
			description: 'Space-separated scopes, only if Res:harmonics gave you some. Leave empty to get the default scopes of your client.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Client Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Send as Basic Auth Header',
					value: 'header',
					description: 'Client ID and secret in an HTTP Basic Authorization header of the token request',
				},
				{
					name: 'Send in Body',
					value: 'body',
					description: 'Client ID and secret as client_id and client_secret in the form body of the token request',
				},
			],
			default: 'header',
			description: 'How the token request carries the client ID and secret. Both are seen with Res:harmonics: if one is refused, try the other.',
		},
	];

	/** n8n obtains a token for the test (none is stored yet), then reads one unit with it. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: CREDENTIAL_TEST_PATH,
			qs: { page: 0, size: 1 },
		},
	};
}
