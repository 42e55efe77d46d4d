import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	BASE_URL_EXPRESSION,
	CREDENTIAL_TEST_PATH,
	environmentFields,
	resHarmonicsHttpRequestNode,
} from '../nodes/ResHarmonics/transport/credentialFields';

/**
 * Res:harmonics with an API key in the X-Auth-Token header: the second scheme of the vendor's
 * spec. Some endpoints accept only this one, such as a booking's pricing.
 */
export class ResHarmonicsApi implements ICredentialType {
	name = 'resHarmonicsApi';

	displayName = 'Res:Harmonics API';

	documentationUrl = 'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#resharmonics';

	icon: Icon = { light: 'file:../icons/resharmonics.svg', dark: 'file:../icons/resharmonics.dark.svg' };

	httpRequestNode = resHarmonicsHttpRequestNode;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key Res:harmonics API support issued for your client; sent as the X-Auth-Token header',
		},
		...environmentFields,
	];

	/** A function, not a `{{$credentials…}}` template: n8n would evaluate a template on every request. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		requestOptions.headers = { ...requestOptions.headers, 'X-Auth-Token': String(credentials.apiKey ?? '') };
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: CREDENTIAL_TEST_PATH,
			qs: { page: 0, size: 1 },
		},
	};
}
