// The sandbox's demo Res:harmonics: the token endpoint + API v3 stand-in and both credentials.
import { dev } from '../util.mjs';

const { startResHarmonicsStandIn } = dev('standin', 'resharmonics');
const { resHarmonicsOAuth2Credential, resHarmonicsApiCredential } = dev('fixtures', 'resharmonics');

export default {
	name: 'Res:harmonics',
	phase: 'start the Res:harmonics stand-in (token endpoint + API v3)',
	// Tokens live 50 calls, so the demo shows n8n renewing them; pages are capped at 50 rows.
	// Bookings made over the last 12 hours for stays from today, so the example finds new ones.
	start: () =>
		startResHarmonicsStandIn({
			tokenCalls: 50,
			maxPageSize: 50,
			data: { bookings: 60, start: Date.now() - 12 * 3600 * 1000, stayStart: new Date().toISOString().slice(0, 10) },
		}),
	/** Ids as examples/resharmonics-*.json refer to them. */
	credentials: (s) => [
		resHarmonicsOAuth2Credential(s, { id: 'resharmonics-demo', name: 'Res:harmonics demo' }),
		resHarmonicsApiCredential(s, { id: 'resharmonics-key-demo', name: 'Res:harmonics demo API key' }),
	],
	banner: (s) => [`  Res:harmonics ${s.url}/api/v3  token endpoint ${s.tokenUrl} (60 bookings, tokens live 50 calls)`],
};
