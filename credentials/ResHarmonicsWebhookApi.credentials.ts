import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { webhookSecretProperties } from '../nodes/ResHarmonics/transport/webhookSecret';

/**
 * The secret Res:harmonics sends with every webhook delivery (in the X-Auth-Token header). It is
 * set in Res:harmonics next to the webhook URL; the Res:harmonics Webhook Trigger compares it in
 * constant time and answers 401 to anything else. Tested by that node (testedBy), since
 * Res:harmonics has nothing that could confirm it.
 */
export class ResHarmonicsWebhookApi implements ICredentialType {
	name = 'resHarmonicsWebhookApi';

	displayName = 'Res:Harmonics Webhook API';

	documentationUrl = 'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#resharmonics';

	icon: Icon = { light: 'file:../icons/resharmonics.svg', dark: 'file:../icons/resharmonics.dark.svg' };

	/** Not offered in the HTTP Request node: a webhook secret authenticates nothing there. */
	httpRequestNode = { name: 'Res:harmonics Webhook', docsUrl: 'https://apidocs.resharmonics.com', hidden: true, apiBaseUrl: '' };

	properties: INodeProperties[] = webhookSecretProperties;
}
