// The sandbox's demo rezStream: the stand-in with demo data that keeps changing, two credentials.
import { dev, envPort, portFree } from '../util.mjs';

const { startRezStreamStandIn } = dev('standin', 'rezstream');
const { rezStreamCredential } = dev('fixtures', 'rezstream');
const { importable } = dev('fixtures', 'ids');

export const CHURN_EVERY_MS = 20 * 1000;
const DEMO_TENANT = 'Maple Inn';

export default {
	name: 'rezStream',
	phase: 'start the rezStream stand-in (demo data)',
	/** `fixedPort`: SANDBOX_API_PORT (default 5679, a free one when taken); throw-away runs take any. */
	async start({ fixedPort = true } = {}) {
		const apiPort = envPort('SANDBOX_API_PORT', 5679);
		let port = fixedPort ? apiPort.port : 0;
		if (port && !(await portFree(port))) {
			if (apiPort.explicit) throw new Error(`SANDBOX_API_PORT=${port}: that port on 127.0.0.1 is taken`);
			port = 0;
		}
		const s = await startRezStreamStandIn({ port, demo: true });
		s.startChurn({ everyMs: CHURN_EVERY_MS, create: 1, update: 2 });
		return s;
	},
	/** Ids as examples/rezstream-*.json refer to them. */
	credentials(s) {
		const tenant = s.tenants.find((t) => t.name === DEMO_TENANT) ?? s.tenants[0];
		return [
			importable(rezStreamCredential(s, 'accessToken', { tenants: [tenant.id], id: 'rezstream-demo-token', name: 'rezStream demo token' })),
			importable(rezStreamCredential(s, 'oAuth2', { tenants: [tenant.id], id: 'rezstream-demo-oauth', name: 'rezStream demo OAuth2' })),
		];
	},
	banner: (s) => [
		`  stand-in      ${s.url}  rezStream API + OAuth server, demo data: ${s.tenants.map((t) => t.name).join(', ')};`,
		`                a reservation is created and two change every ${CHURN_EVERY_MS / 1000} s`,
	],
};
