import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as country from './actions/country';
import * as request from './actions/request';
import { router } from './actions/router';
import * as user from './actions/user';

/**
 * The API v1 node (type name `apiV1`). The file and class are `ApiV1V1`: n8n's file-name rule
 * reads a trailing `V<n>` as a node version, so this is version 1 of the node `ApiV1`.
 */
export class ApiV1V1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'API v1',
		name: 'apiV1',
		icon: { light: 'file:../../icons/apiv1.svg', dark: 'file:../../icons/apiv1.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Call a Rails "API v1" (Doorkeeper OAuth2): countries, users, or any other endpoint',
		defaults: { name: 'API v1' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'apiV1OAuth2PasswordApi', required: true, displayOptions: { show: { authentication: ['passwordGrant'] } } },
			{ name: 'apiV1OAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'OAuth2 Password Grant', value: 'passwordGrant' },
					{ name: 'OAuth2 (Authorization Code)', value: 'oAuth2' },
				],
				default: 'passwordGrant',
				description: 'Password grant for first-party clients with a username and password; authorization code for "Connect my account"',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Country', value: 'country' },
					{ name: 'Custom API Call', value: 'request' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
			},
			...country.description,
			...user.description,
			...request.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
