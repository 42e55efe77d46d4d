'use strict';
/**
 * Redis and PostgreSQL for n8n's queue mode, from Debian's packages, each started on a free
 * 127.0.0.1 port with its own data folder in a temporary directory, and stopped (folder removed)
 * afterwards. Used by dev/queue/index.js (the e2e queue suite, the sandbox, the bench).
 *
 *   const { ensureServerPackages, startRedis, startPostgres } = require('./services');
 *   await ensureServerPackages();                 // apt-get install when missing (root only)
 *   const redis = await startRedis();             // { host, port, env, stop() }
 *   const pg = await startPostgres();             // { host, port, user, password, database, env, stop() }
 *
 * `env` is what n8n needs to reach the service (QUEUE_BULL_REDIS_* / DB_POSTGRESDB_*, read in
 * n8n 2.41.1's @n8n/config: scaling-mode.config.js and database.config.js).
 *
 * - Installing: `redis-server` and `postgresql` are installed with apt-get (after one
 *   `apt-get update`) when their binaries are missing and this process is root; otherwise the
 *   error says which command to run. Debian's maintainer scripts would start the system-wide
 *   services: the container's policy-rc.d refuses that here; on a machine where they do start,
 *   they are Debian's own services (not used by the harness).
 * - Redis runs in the foreground (`--daemonize no`), bound to 127.0.0.1 only, without persistence.
 * - PostgreSQL refuses to run as root: when this process is root, initdb and postgres run as the
 *   `postgres` user the Debian package creates (`runuser -u postgres`), in a folder owned by it.
 *   postgres runs in the foreground too (not `pg_ctl start`, which would detach it), with
 *   listen_addresses=127.0.0.1, its Unix socket in its own folder, scram-sha-256 passwords and
 *   fsync off (a throw-away database). Stopped with SIGINT (fast shutdown).
 * - Both are children in their own process groups, tracked by the n8n harness: they are killed
 *   when the jest worker exits, like every n8n child.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { freePort, spawnTracked, killGroup, runBounded, within } = require('../n8n');

const PG_USER = 'n8n';
const PG_PASSWORD = 'n8n-queue-e2e-password';
const PG_DATABASE = 'n8n';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin). */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return null;
	const majors = fs
		.readdirSync(base)
		.filter((d) => fs.existsSync(path.join(base, d, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(base, majors[0], 'bin') : null;
}

function redisBin() {
	for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (fs.existsSync(p)) return p;
	return null;
}

let ensured;

/** Installs Debian's `redis-server` and `postgresql` when missing (as root, apt-get update once). */
function ensureServerPackages() {
	if (!ensured) {
		ensured = (async () => {
			const missing = [];
			if (!redisBin()) missing.push('redis-server');
			if (!postgresBinDir()) missing.push('postgresql');
			if (missing.length === 0) return;
			const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
			if (!isRoot) {
				throw new Error(`queue mode needs ${missing.join(' and ')}: run \`sudo apt-get install -y ${missing.join(' ')}\``);
			}
			process.stderr.write(`[queue] installing ${missing.join(', ')} with apt-get (once per machine)\n`);
			const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
			const update = await runBounded('apt-get', ['update'], { env, timeoutMs: 5 * 60 * 1000 });
			if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.stderr.slice(-2000)}`);
			const install = await runBounded('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
				env,
				timeoutMs: 10 * 60 * 1000,
			});
			if (install.code !== 0 || !redisBin() || !postgresBinDir()) {
				throw new Error(`apt-get install ${missing.join(' ')} failed (code ${install.code}):\n${install.stderr.slice(-2000)}`);
			}
		})();
		ensured.catch(() => (ensured = undefined));
	}
	return ensured;
}

/** A foreground server child with its output kept (and written to logFile). */
function startChild(cmd, args, { env, cwd, logFile, owner }) {
	const child = spawnTracked(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }, owner);
	const proc = { child, output: '', exited: null };
	proc.exitPromise = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			proc.exited = { code, signal };
			resolve(proc.exited);
		});
		child.on('error', (error) => {
			proc.exited = { error: error.message };
			resolve(proc.exited);
		});
	});
	const onData = (d) => {
		proc.output += d;
		if (logFile) fs.appendFileSync(logFile, d);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	return proc;
}

async function stopChild(proc, signal, timeoutMs = 20 * 1000) {
	if (!proc || proc.exited) return;
	killGroup(proc.child, signal);
	if ((await within(proc.exitPromise, timeoutMs)) === 'timeout') killGroup(proc.child, 'SIGKILL');
	await within(proc.exitPromise, 5000);
}

/** Waits (bounded) until `probe()` resolves true; fails early when the server exited. */
async function waitReady(proc, probe, what, timeoutMs = 60 * 1000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (proc.exited) throw new Error(`${what} exited before it was ready (${JSON.stringify(proc.exited)}):\n${proc.output.slice(-3000)}`);
		if (await probe().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${proc.output.slice(-3000)}`);
		await sleep(250);
	}
}

/** One Redis command over a plain socket (`PING` -> `+PONG`), bounded. */
function redisCommand(port, command) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const timer = setTimeout(() => socket.destroy(new Error('redis: no answer')), 2000);
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) {
				clearTimeout(timer);
				socket.end();
				resolve(data.trim());
			}
		});
		socket.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
	});
}

async function startRedis({ owner } = {}) {
	await ensureServerPackages();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-queue-redis-'));
	const port = await freePort();
	const proc = startChild(
		redisBin(),
		['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--dir', dir,
			'--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'notice'],
		{ env: process.env, cwd: dir, logFile: path.join(dir, 'redis.log'), owner },
	);
	await waitReady(proc, async () => (await redisCommand(port, 'PING')) === '+PONG', `redis-server on 127.0.0.1:${port}`);
	return {
		host: '127.0.0.1',
		port,
		dir,
		proc,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		command: (c) => redisCommand(port, c),
		async stop() {
			await stopChild(proc, 'SIGTERM');
			if (process.env.E2E_KEEP_TMP !== '1') await fsp.rm(dir, { recursive: true, force: true });
		},
	};
}

/**
 * The command prefix that runs PostgreSQL's server tools as a user it accepts: as root, the
 * `postgres` system user (Debian's package creates it) through runuser; otherwise ourselves.
 */
function asPostgresUser() {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) return { wrap: (cmd, args) => [cmd, args], chownTo: null };
	const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'));
	const entry = passwd.find((f) => f[0] === 'postgres');
	if (!entry) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as (Debian\'s postgresql package creates it)');
	return {
		wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]],
		chownTo: { uid: Number(entry[2]), gid: Number(entry[3]) },
	};
}

async function startPostgres({ owner } = {}) {
	await ensureServerPackages();
	const bin = postgresBinDir();
	const as = asPostgresUser();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-queue-pg-'));
	const data = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	const pwfile = path.join(dir, 'pwfile');
	await fsp.mkdir(socketDir);
	await fsp.writeFile(pwfile, `${PG_PASSWORD}\n`, { mode: 0o600 });
	if (as.chownTo) {
		for (const p of [dir, socketDir, pwfile]) await fsp.chown(p, as.chownTo.uid, as.chownTo.gid);
	}
	const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
	const [initCmd, initArgs] = as.wrap(path.join(bin, 'initdb'), [
		'-D', data, '-U', PG_USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-sync',
	]);
	const init = await runBounded(initCmd, initArgs, { env, cwd: dir, timeoutMs: 2 * 60 * 1000 });
	if (init.code !== 0) throw new Error(`initdb failed (code ${init.code}):\n${init.stdout}\n${init.stderr}`);
	await fsp.rm(pwfile, { force: true });
	const port = await freePort();
	const [pgCmd, pgArgs] = as.wrap(path.join(bin, 'postgres'), [
		'-D', data, '-p', String(port), '-k', socketDir,
		'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off', '-c', 'max_connections=200',
	]);
	const proc = startChild(pgCmd, pgArgs, { env, cwd: dir, logFile: path.join(dir, 'postgres.log'), owner });
	const psql = (args) =>
		runBounded(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER, '-v', 'ON_ERROR_STOP=1', ...args], {
			env: { ...env, PGPASSWORD: PG_PASSWORD, PGCONNECT_TIMEOUT: '3' },
			timeoutMs: 30 * 1000,
		});
	await waitReady(proc, async () => (await psql(['-d', 'postgres', '-tAc', 'select 1'])).code === 0, `postgres on 127.0.0.1:${port}`);
	const created = await psql(['-d', 'postgres', '-c', `CREATE DATABASE ${PG_DATABASE}`]);
	if (created.code !== 0) throw new Error(`CREATE DATABASE failed:\n${created.stderr}`);
	return {
		host: '127.0.0.1',
		port,
		user: PG_USER,
		password: PG_PASSWORD,
		database: PG_DATABASE,
		dir,
		proc,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: PG_DATABASE,
			DB_POSTGRESDB_USER: PG_USER,
			DB_POSTGRESDB_PASSWORD: PG_PASSWORD,
		},
		/** Runs SQL in the n8n database; resolves to the rows as arrays of strings (psql -tA). */
		async query(sql) {
			const r = await psql(['-d', PG_DATABASE, '-tA', '-F', '\t', '-c', sql]);
			if (r.code !== 0) throw new Error(`psql failed: ${r.stderr}`);
			return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
		},
		async stop() {
			await stopChild(proc, 'SIGINT');
			if (process.env.E2E_KEEP_TMP !== '1') await fsp.rm(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { ensureServerPackages, startRedis, startPostgres };
