/**
 * The webhook secret credential's parts, for the webhook trigger.
 *
 * The strict lint wants every credential tested, either by its own request or by a node that
 * declares `testedBy`. Res:harmonics has no endpoint that could confirm a webhook secret, so
 * the credential `resHarmonicsWebhookApi` (credentials/ResHarmonicsWebhookApi.credentials.ts)
 * is added together with the webhook trigger, which declares
 * `testedBy: 'resHarmonicsWebhookSecretCheck'` and this function in `methods.credentialTest`.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult, INodeProperties } from 'n8n-workflow';

/** The credential's one field. */
export const webhookSecretProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'The secret entered in Res:harmonics for this webhook. Res:harmonics sends it in the X-Auth-Token header of every delivery; deliveries without it are refused. Use a long random value.',
	},
];

/** Shortest secret accepted: a guessable secret lets anyone start workflows. */
export const MIN_SECRET_LENGTH = 16;

/**
 * What can be checked without Res:harmonics: the secret is set, has no surrounding spaces (a
 * header value loses them) and is long enough.
 */
export async function resHarmonicsWebhookSecretCheck(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = credential.data?.secret;
	if (typeof secret !== 'string' || secret === '') {
		return { status: 'Error', message: 'Webhook Secret is empty: enter the secret set in Res:harmonics for this webhook' };
	}
	if (secret.trim() !== secret) {
		return { status: 'Error', message: 'Webhook Secret starts or ends with a space: HTTP header values lose it, so no delivery would match' };
	}
	if (secret.length < MIN_SECRET_LENGTH) {
		return { status: 'Error', message: `Webhook Secret is ${secret.length} characters long: use at least ${MIN_SECRET_LENGTH} random characters` };
	}
	return {
		status: 'OK',
		message: 'The secret is usable. Res:harmonics cannot be asked to confirm it: send a test delivery from Res:harmonics to check that it matches.',
	};
}
