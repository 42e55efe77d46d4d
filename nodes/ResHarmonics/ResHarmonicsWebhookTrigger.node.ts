import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { dropDuplicateWindow } from '../shared/webhook/duplicates';
import { answerWithoutExecution, screenDelivery, windowKey } from '../shared/webhook/screen';
import { resHarmonicsIcon } from './descriptions/common';
import { resHarmonicsWebhookSecretCheck } from './transport/webhookSecret';
import { deliveryKey, normaliseDelivery } from './trigger/delivery';

/** Retries of the sender are not documented: repeats are dropped for a day, at most 10,000 events per trigger. */
const DUPLICATES = { maxIds: 10_000, ttlMs: 24 * 3600 * 1000 };

export class ResHarmonicsWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Res:harmonics Webhook Trigger',
		name: 'resHarmonicsWebhookTrigger',
		icon: resHarmonicsIcon,
		group: ['trigger'],
		version: 1,
		subtitle: 'Room Stay Change',
		description: 'Starts the workflow when Res:harmonics sends a Room Stay Change webhook',
		defaults: { name: 'Res:harmonics Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'resHarmonicsWebhookApi', required: true, testedBy: 'resHarmonicsWebhookSecretCheck' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'resharmonics' }],
		properties: [
			{
				displayName:
					'In Res:harmonics, add a webhook for the event Room Stay Change. As its URL, paste the Production URL shown above under Webhook URLs (it ends in /resharmonics); as its secret (sent in the X-Auth-Token header), the Webhook Secret of this node\'s credential. Res:harmonics has no API to register webhooks, so this is done once by hand; activate the workflow to receive deliveries.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { credentialTest: { resHarmonicsWebhookSecretCheck } };

	/**
	 * Res:harmonics has no API to register webhooks: the URL is pasted into Res:harmonics by
	 * hand (see the notice), so activation registers nothing and deactivation only forgets the
	 * duplicate window.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				dropDuplicateWindow(windowKey(this));
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials('resHarmonicsWebhookApi');
		const expected = typeof credentials.secret === 'string' ? credentials.secret : '';
		const body = this.getBodyData();
		const refused = screenDelivery(this, {
			received: this.getHeaderData()['x-auth-token'],
			expected,
			eventKey: deliveryKey(body),
			duplicates: DUPLICATES,
		});
		if (refused) return refused;
		if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
			return answerWithoutExecution(this, 400, 'Expected a JSON object (a Room Stay Change delivery)');
		}
		return { workflowData: [this.helpers.returnJsonArray([normaliseDelivery(body as IDataObject)])] };
	}
}
