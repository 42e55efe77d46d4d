// The sandbox's demo API v1 (Rails/Doorkeeper template): the stand-in and two credentials.
import { dev } from '../util.mjs';

const { startApiV1StandIn } = dev('standin', 'apiv1');
const { passwordCredential, codeCredential } = dev('fixtures', 'apiv1');
const { importable } = dev('fixtures', 'ids');

export default {
	name: 'API v1',
	phase: 'start the API v1 stand-in (Rails/Doorkeeper template)',
	start: () => startApiV1StandIn({ port: 0 }),
	/** Ids as examples/apiv1-*.json refer to them. */
	credentials: (a) => [
		importable(passwordCredential(a, { name: 'API v1 demo (password grant)', id: 'apiv1-demo-password' })),
		importable(codeCredential(a, { name: 'API v1 demo (OAuth2)', id: 'apiv1-demo-oauth' })),
	],
	banner: (a) => [`  API v1        ${a.url}  stand-in of the Rails API template (password grant user ${a.users[0].email})`],
};
