import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { apiV1HttpRequestNode, baseUrlField } from '../nodes/ApiV1/transport/credentialFields';

/**
 * API v1 with the OAuth2 authorization-code grant, through n8n's own OAuth2 machinery
 * ("Connect my account"). The authorize and token URLs follow from the Base URL
 * ({Base URL}/oauth/authorize and {Base URL}/oauth/token, Doorkeeper's routes).
 */
export class ApiV1OAuth2Api implements ICredentialType {
	name = 'apiV1OAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'API V1 OAuth2 API';

	documentationUrl = 'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#api-v1';

	icon: Icon = { light: 'file:../icons/apiv1.svg', dark: 'file:../icons/apiv1.dark.svg' };

	httpRequestNode = apiV1HttpRequestNode;

	properties: INodeProperties[] = [
		baseUrlField,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/oauth/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/oauth/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			placeholder: 'e.g. public write',
			description: 'Space-separated scopes. Leave empty for the default scopes of the server.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
