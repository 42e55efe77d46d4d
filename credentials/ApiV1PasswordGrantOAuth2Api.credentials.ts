import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_TOKEN_PATH, obtainToken } from '../nodes/ApiV1/auth/passwordGrant';
import { apiV1HttpRequestNode, baseUrlField } from '../nodes/ApiV1/transport/credentialFields';

/**
 * API v1 with the OAuth2 password grant (first-party clients). n8n's own OAuth2 credential has
 * no password grant, so this credential obtains its tokens itself in `preAuthentication`: n8n
 * runs it when the hidden access token is empty or the API answered 401, and stores every field
 * it returns (access token, rotated refresh token, expiry). The API v1 node also renews the
 * token shortly before it expires.
 */
export class ApiV1PasswordGrantOAuth2Api implements ICredentialType {
	name = 'apiV1OAuth2PasswordApi';

	displayName = 'API V1 OAuth2 Password Grant API';

	documentationUrl = 'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#api-v1';

	icon: Icon = { light: 'file:../icons/apiv1.svg', dark: 'file:../icons/apiv1.dark.svg' };

	httpRequestNode = apiV1HttpRequestNode;

	properties: INodeProperties[] = [
		baseUrlField,
		{
			displayName: 'Token Path',
			name: 'tokenUrl',
			type: 'string',
			default: DEFAULT_TOKEN_PATH,
			description: 'Path of the token endpoint below the Base URL (Doorkeeper: /oauth/token), or its full URL',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. name@example.com',
			description: 'The user to act as, often an e-mail address',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The CLIENT_ID the API developers gave you',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The CLIENT_SECRET the API developers gave you (empty for a public client)',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			placeholder: 'e.g. read write',
			description: 'Space-separated scopes to ask for. Leave empty for the default scopes of the server; sent only when set.',
		},
		{
			displayName: 'Body Format',
			name: 'bodyFormat',
			type: 'options',
			options: [
				{ name: 'JSON (API v1 Template)', value: 'json' },
				{ name: 'Form URL-Encoded (RFC 6749)', value: 'form' },
			],
			default: 'json',
			description: 'How the token request is encoded. The template documents JSON; any RFC 6749 server takes a form.',
		},
		{
			displayName: 'Client Authentication',
			name: 'clientAuthentication',
			type: 'options',
			options: [
				{ name: 'In the Body', value: 'body' },
				{ name: 'HTTP Basic', value: 'basic' },
			],
			default: 'body',
			description: 'How the client ID and secret are sent. Only one of the two is used: a server refuses both at once.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Expires At', name: 'expiresAt', type: 'hidden', default: 0 },
		{ displayName: 'Obtained At', name: 'obtainedAt', type: 'hidden', default: 0 },
		{ displayName: 'Issued For', name: 'issuedFor', type: 'hidden', default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await obtainToken(this, credentials);
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		// token_type is "Bearer" or "bearer" depending on the grant; the scheme is case-insensitive.
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${credentials.accessToken}` };
		return requestOptions;
	};

	/** n8n always runs preAuthentication for a test, so this obtains a token and shows it to the server. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/oauth/token/info',
		},
	};
}
