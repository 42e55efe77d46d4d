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

import { DEFAULT_ALLOWED_DOMAINS, DEFAULT_API_ROOT } from '../nodes/Kaizala/auth/endpoint';
import { authenticateKaizala, obtainKaizalaToken } from '../nodes/Kaizala/auth/token';
import { KAIZALA_DOCS_URL } from '../nodes/Kaizala/transport/docs';

/**
 * Microsoft Kaizala connector (Kaizala was retired by Microsoft; the API root stays editable for
 * organisations that still run it). The connector's ID, secret and refresh token go as headers
 * to `GET {API Root}/accessToken` in `preAuthentication`; n8n stores the answer's access token
 * (hidden, expirable), endpoint URL and expiry, and a rotated refresh token over the old one.
 */
export class KaizalaApi implements ICredentialType {
	name = 'kaizalaApi';

	displayName = 'Microsoft Kaizala API';

	documentationUrl = 'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#microsoft-kaizala';

	icon: Icon = { light: 'file:../icons/kaizala.svg', dark: 'file:../icons/kaizala.dark.svg' };

	httpRequestNode = {
		name: 'Microsoft Kaizala',
		docsUrl: KAIZALA_DOCS_URL,
		apiBaseUrlPlaceholder: 'https://inc-001.kaizalamessaging.osi.office.net/v1/groups',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'API Root',
			name: 'apiRoot',
			type: 'string',
			default: DEFAULT_API_ROOT,
			required: true,
			description: 'Where the token service is: the access token is requested at {API Root}/accessToken',
		},
		{
			displayName: 'Application ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			required: true,
			description: 'The connector ID from the Kaizala management portal',
		},
		{
			displayName: 'Application Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The connector secret from the Kaizala management portal',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The refresh token a group admin or user generated for the connector (valid 365 days). Kaizala sends a new one near the end of its life; n8n stores it here.',
		},
		{
			displayName: 'Allowed Endpoint Domains',
			name: 'allowedDomains',
			type: 'string',
			default: DEFAULT_ALLOWED_DOMAINS,
			description:
				'The access token is only sent over https to hosts under these domains (comma-separated): the endpoint Kaizala names at sign-in and every 308 move are checked against them',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{ displayName: 'Endpoint URL', name: 'endpointUrl', type: 'hidden', default: '' },
		{
			displayName: 'Access Token Expiry',
			name: 'accessTokenExpiry',
			type: 'hidden',
			typeOptions: { password: true },
			default: 0,
		},
		{ displayName: 'Obtained At', name: 'obtainedAt', type: 'hidden', default: 0 },
		{ displayName: 'Issued For', name: 'issuedFor', type: 'hidden', default: '' },
		{ displayName: 'Moved To', name: 'movedTo', type: 'hidden', default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await obtainKaizalaToken(this, credentials);
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => authenticateKaizala(credentials, requestOptions);

	/** n8n runs preAuthentication for a test, so this obtains a token, then lists the groups with it. */
	test: ICredentialTestRequest = {
		request: { method: 'GET', url: '/groups' },
	};
}
