import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { rezStreamConnectionFields } from '../nodes/RezStream/transport/credentialFields';

/**
 * rezStream Cloud through OAuth2 (authorization code). n8n runs the flow, stores the tokens,
 * refreshes the access token when the API answers 401 and keeps a rotated refresh token.
 */
export class RezStreamOAuth2Api implements ICredentialType {
	name = 'rezStreamOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'rezStream OAuth2 API';

	documentationUrl =
		'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#rezstream-oauth2-api-rezstreamoauth2api';

	icon: Icon = { light: 'file:../icons/rezstream.svg', dark: 'file:../icons/rezstream.dark.svg' };

	/** Offered in n8n's HTTP Request node ("Predefined Credential Type") for calls the node does not cover. */
	httpRequestNode = {
		name: 'rezStream',
		docsUrl: 'https://github.com/rezstream/rezStream-Cloud-API-Documentation',
		apiBaseUrl: 'https://cloudapi.rezstream.com/',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://account.rezstream.com/connect/authorize',
			required: true,
			description:
				'From the discovery document at https://account.rezstream.com/.well-known/openid-configuration. Change it only for a sandbox.',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://account.rezstream.com/connect/token',
			required: true,
			description: 'Token endpoint of the rezStream account service. Change it only for a sandbox.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'offline_access guest_communication revenue_management',
			description:
				'Space-separated scopes. Keep offline_access: without it rezStream issues no refresh token, and you must reconnect this credential every time the access token expires.',
			hint: 'Without offline_access there is no refresh token: you would have to reconnect whenever the access token expires',
		},
		{
			displayName: 'Multiple Tenants',
			name: 'multiTenant',
			type: 'boolean',
			default: false,
			description:
				'Whether to let the authorizing user pick several tenants (adds multiTenant=true to the authorization request). Such a token needs a Tenant ID on every call.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '={{$self["multiTenant"] ? "multiTenant=true" : ""}}',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		...rezStreamConnectionFields,
	];
}
