import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { rezStreamConnectionFields } from '../nodes/RezStream/transport/credentialFields';

/** rezStream Cloud with a long-lived API token generated in the rezStream account portal. */
export class RezStreamApi implements ICredentialType {
	name = 'rezStreamApi';

	displayName = 'rezStream API';

	documentationUrl = 'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#rezstream-api-rezstreamapi';

	icon: Icon = { light: 'file:../icons/rezstream.svg', dark: 'file:../icons/rezstream.dark.svg' };

	/** Offered in n8n's HTTP Request node ("Predefined Credential Type") for calls the node does not cover. */
	httpRequestNode = {
		name: 'rezStream',
		docsUrl: 'https://github.com/rezstream/rezStream-Cloud-API-Documentation',
		apiBaseUrl: 'https://cloudapi.rezstream.com/',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A token generated at account.rezstream.com: Businesses → your business → Manage app authorizations → Generate Token. It is shown only once.',
		},
		...rezStreamConnectionFields,
	];

	/**
	 * A function rather than a `{{$credentials.accessToken}}` template: n8n evaluates a template
	 * in its expression sandbox on every request, which costs a few milliseconds per page.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${credentials.accessToken}` };
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/auth/tokendetails',
		},
	};
}
