// The sandbox's demo Kaizala: the token service + endpoint stand-in and the connector credential.
import { dev } from '../util.mjs';

const { startKaizalaStandIn } = dev('standin', 'kaizala');
const { kaizalaCredential } = dev('fixtures', 'kaizala');

export default {
	name: 'Kaizala',
	phase: 'start the Kaizala stand-in (token service + endpoint)',
	start: () => startKaizalaStandIn(),
	/** Id as examples/kaizala-*.json refers to it. */
	credentials: (k) => [kaizalaCredential(k, { id: 'kaizala-demo' })],
	banner: (k) => [`  Kaizala       ${k.apiRoot}  token service; endpoint ${k.endpointUrl()} (groups Front Desk, Housekeeping)`],
};
