'use strict';
/**
 * n8n in queue mode, the layout automation teams run when one process is not enough: Redis
 * (BullMQ carries the jobs), PostgreSQL (shared by every process), one main (`n8n start`: the
 * editor, REST, triggers and pollers, enqueues executions), workers (`n8n worker`: run them) and a
 * webhook processor (`n8n webhook`: answers production webhook calls). Every process has its own
 * user folder with the built package installed as a community package (as on separate hosts), the
 * same encryption key, and everything on 127.0.0.1.
 *
 *   const { startQueueCluster } = require('../support/n8n-queue');
 *   const q = await startQueueCluster();            // services + main + 2 workers + webhook, ready
 *   afterAll(() => q?.cleanup());
 *   q.main                  an N8nInstance (dev/n8n): importCredentials, importWorkflow,
 *                           publishWorkflow, rest, executions, execute, restart ... (shared DB)
 *   q.workers[i], q.webhook N8nInstances whose start() runs `n8n worker` / `n8n webhook`
 *   q.webhookUrl(path)      the production webhook URL on the webhook processor
 *   q.workerRuns()          Map executionId -> [worker names], from the workers' own logs
 *   q.workerIdsByProcess()  Map worker name -> n8n hostIds that the main recorded for its jobs
 *   q.killWorker(i)         SIGKILL of the worker's process group (a crash, not a shutdown)
 *   q.problems()            log lines at level warn/error of every process (JSON logs)
 *
 * Environment (names read in n8n 2.41.1's @n8n/config and commands): EXECUTIONS_MODE=queue,
 * DB_TYPE=postgresdb + DB_POSTGRESDB_*, QUEUE_BULL_REDIS_HOST/PORT; the main has
 * N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true (production webhooks only on the webhook processor,
 * as behind a load balancer); workers have QUEUE_HEALTH_CHECK_ACTIVE, QUEUE_HEALTH_CHECK_PORT and
 * N8N_WORKER_SERVER_ADDRESS=127.0.0.1 (their /healthz/readiness). The servers log with
 * N8N_LOG_FORMAT=json, so that "Execution N (job J) finished" carries the workerId (hostId) of the
 * worker that ran it (CLI commands keep the text format: `n8n execute` prints its run in it).
 *
 * Separate hosts: n8n's hostId is "<type>-<hostname>" when it thinks it runs in a container
 * (/.dockerenv, cgroups; true on these machines) and the main warns "Detected multiple instances
 * sharing the same hostId" when two processes share one. As root, each process therefore runs in
 * its own UTS namespace with its own hostname (`unshare --uts`, like one container per process);
 * without that, the hostIds may clash and the suite's worker-id check says so.
 *
 * How n8n 2.41 records the worker of an execution (read in scaling/job-processor.js and
 * scaling.service.js): not in the execution row. The worker logs `Worker started execution N
 * (job J)` and `Worker finished execution N`; it reports `job-finished` with
 * `workerId: instanceSettings.hostId` ("worker-<nanoid>") to the main over Redis, and the main logs
 * `Execution N (job J) finished` with that workerId. Both are read here and must agree.
 *
 * A crashed worker: Bull's stalled-job check runs with maxStalledCount 0 in n8n 2.41
 * (scaling.service.js setupQueue): a job whose worker died is NOT run again; the main's queue
 * recovery marks its execution `crashed` (at start, then every N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL
 * minutes: 1 here, 180 by default). The lock settings are shortened here (lock 15 s, renew 5 s,
 * stalled check 5 s) so that happens within a test.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { createInstance, freePort, killGroup, phase } = require('../n8n');
const { startRedis, startPostgres } = require('./services');

const ANSI = /\x1b\[[0-9;]*m/g;

/** Settings every process of the cluster shares (besides the services' own env). */
const QUEUE_ENV = Object.freeze({
	EXECUTIONS_MODE: 'queue',
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
	// Several n8n processes share one machine: keep each one's DB pool small.
	DB_POSTGRESDB_POOL_SIZE: '4',
	// n8n would otherwise warn at every start that manual executions will move to workers.
	OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	// Four n8n processes and PostgreSQL on two shared cores: n8n's 5 s DB ping can time out
	// ("Database ping failed (1/3)") while the machine is busy; the database is local.
	DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
	DB_PING_TIMEOUT_MS: '30000',
	// Four n8n processes booting at once on two shared cores: a worker's task runner can take
	// longer than the default 30 s to connect to its broker (seen: "invalid or expired grant token").
	N8N_RUNNERS_GRANT_TOKEN_TTL: '300',
});

/** One parsed JSON log line ({ level, message, metadata }), or a text line as { message }. */
function parseLine(line) {
	const clean = line.replace(ANSI, '').trim();
	if (!clean) return null;
	if (clean.startsWith('{')) {
		try {
			return JSON.parse(clean);
		} catch {
			/* a line that only looks like JSON */
		}
	}
	return { message: clean };
}

let unshareWorks;
/** `unshare --uts` (root): a process of its own hostname, as on its own host or container. */
function hostnameWrapper(hostname) {
	if (unshareWorks === undefined) {
		const r = spawnSync('unshare', ['--uts', 'true'], { stdio: 'ignore', timeout: 10 * 1000 });
		unshareWorks = r.status === 0;
	}
	return unshareWorks ? ['unshare', '--uts', '--', 'sh', '-c', 'hostname "$1" && shift && exec "$@"', 'sh', hostname] : [];
}

function asServer(instance, name) {
	instance.name = name;
	// debug: every server logs `Loaded all credentials and nodes from <package>`; CLI commands
	// keep the harness's info level and text format (`n8n execute` prints its run through them)
	instance.serverEnv = { N8N_LOG_FORMAT: 'json', N8N_LOG_LEVEL: 'debug' };
	instance.wrapper = hostnameWrapper(`n8n-queue-${name}`);
	return instance;
}

class QueueCluster {
	constructor({ redis, postgres, main, workers, webhook }) {
		this.redis = redis;
		this.postgres = postgres;
		this.main = main;
		this.workers = workers;
		this.webhook = webhook;
	}

	/** Every n8n process: main, workers, webhook processor. */
	get processes() {
		return [this.main, ...this.workers, ...(this.webhook ? [this.webhook] : [])];
	}

	/** Starts the main first (it runs the DB migrations), then the workers and the webhook processor. */
	async start() {
		if (!this.main.server) await this.main.start({ timeoutMs: 300 * 1000 });
		await Promise.all(this.processes.slice(1).filter((p) => !p.server).map((p) => p.start({ timeoutMs: 300 * 1000 })));
	}

	webhookUrl(path) {
		return `${(this.webhook ?? this.main).url}/webhook/${path}`;
	}

	/**
	 * Parsed log lines of one process's server runs (`n8n start|worker|webhook`, every run so
	 * far, from logs/server-N.log), without its CLI commands (import, execute ...).
	 */
	lines(proc) {
		const files = fs.existsSync(proc.logDir) ? fs.readdirSync(proc.logDir).filter((f) => /^server-\d+\.log$/.test(f)) : [];
		files.sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
		const text = files.map((f) => fs.readFileSync(path.join(proc.logDir, f), 'utf8')).join('\n');
		return text.split('\n').map(parseLine).filter(Boolean);
	}

	/** Map executionId -> names of the worker processes that logged `Worker started execution <id>`. */
	workerRuns() {
		const runs = new Map();
		for (const w of this.workers) {
			for (const l of this.lines(w)) {
				const m = /^Worker started execution (\d+) /.exec(l.message ?? '');
				if (!m) continue;
				runs.set(m[1], [...(runs.get(m[1]) ?? []), w.name]);
			}
		}
		return runs;
	}

	/**
	 * Map executionId -> workerId (n8n hostId) from `Execution N (job J) finished`, logged by the
	 * process that enqueued the job: the main (triggers, retries) or the webhook processor.
	 */
	finishedBy() {
		const by = new Map();
		for (const l of [this.main, this.webhook].filter(Boolean).flatMap((p) => this.lines(p))) {
			const m = /^Execution (\d+) \(job \d+\) finished/.exec(l.message ?? '');
			if (m) by.set(m[1], l.metadata?.workerId ?? l.workerId ?? null);
		}
		return by;
	}

	/** Map worker process name -> Set of hostIds the main recorded for the executions it started. */
	workerIdsByProcess() {
		const finished = this.finishedBy();
		const out = new Map(this.workers.map((w) => [w.name, new Set()]));
		for (const [execution, names] of this.workerRuns()) {
			const hostId = finished.get(execution);
			if (hostId && names.length === 1) out.get(names[0]).add(hostId);
		}
		return out;
	}

	/** Lines at level warn or error of every process, as `<process>: <message>`. */
	problems({ ignore = [] } = {}) {
		const out = [];
		for (const p of this.processes) {
			for (const l of this.lines(p)) {
				if (!['warn', 'error'].includes(l.level)) continue;
				// n8n colours some messages even in JSON logs (CI=true): the colour codes are not text.
				const text = `${l.message}${l.metadata?.error ? ` ${JSON.stringify(l.metadata.error).slice(0, 300)}` : ''}`.replace(/\u001b\[[0-9;]*m/g, '');
				if (ignore.some((re) => re.test(text))) continue;
				out.push(`${p.name}: [${l.level}] ${text}`);
			}
		}
		return out;
	}

	/** Kills worker i like a crash (SIGKILL of its process group), then records it as stopped. */
	async killWorker(i) {
		const w = this.workers[i];
		if (!w.server) throw new Error(`${w.name} is not running`);
		killGroup(w.server.child, 'SIGKILL', { evenIfExited: true });
		await w.stop();
	}

	async stop() {
		// workers and the webhook processor first, so that nothing is left half-enqueued
		await Promise.all(this.processes.slice(1).map((p) => p.stop()));
		await this.main.stop();
	}

	async cleanup() {
		const results = await Promise.allSettled(this.processes.map((p) => p.cleanup()));
		await Promise.allSettled([this.redis?.stop(), this.postgres?.stop()]);
		const failed = results.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
	}
}

/**
 * Redis, PostgreSQL and the n8n processes, started (start: false leaves n8n stopped, e.g. to
 * publish workflows first). `env` goes to every n8n process; `concurrency` is each worker's
 * `--concurrency` (n8n's default is 10); mainPort / webhookPort: fixed ports (default: free ones).
 */
async function startQueueCluster({ workers = 2, webhook = true, concurrency = 10, env = {}, start = true, packageDir, mainPort, webhookPort } = {}) {
	const [redis, postgres] = await phase('start redis + postgres', () => Promise.all([startRedis(), startPostgres()]));
	const shared = { ...redis.env, ...postgres.env, ...QUEUE_ENV, ...env };
	let cluster;
	try {
		const main = await createInstance({ packageDir, port: mainPort, env: { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } });
		asServer(main, 'main');
		const workerList = [];
		for (let i = 0; i < workers; i++) {
			const healthPort = await freePort();
			const w = await createInstance({
				packageDir,
				env: {
					...shared,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
			});
			asServer(w, `worker-${i + 1}`);
			w.command = ['worker', `--concurrency=${concurrency}`];
			w.healthUrl = `http://127.0.0.1:${healthPort}`;
			workerList.push(w);
		}
		let hook = null;
		if (webhook) {
			hook = await createInstance({ packageDir, port: webhookPort, env: shared });
			asServer(hook, 'webhook');
			hook.command = ['webhook'];
		}
		cluster = new QueueCluster({ redis, postgres, main, workers: workerList, webhook: hook });
		if (start) await cluster.start();
		return cluster;
	} catch (error) {
		if (cluster) await cluster.cleanup().catch(() => {});
		else await Promise.allSettled([redis.stop(), postgres.stop()]);
		throw error;
	}
}

module.exports = { startQueueCluster, QueueCluster, QUEUE_ENV, parseLine };
