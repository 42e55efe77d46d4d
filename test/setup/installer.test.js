'use strict';
/**
 * The installer behind `npm start` and `npm test` (scripts/ensure-n8n.sh), checked the way a
 * machine with nothing cached meets it. A cached n8n cannot hide a broken install here: the
 * probe runs the installer's own steps (Node from the registry, then sqlite3 exactly as n8n's
 * install gets it: scripts off, then rebuilt) into an empty folder. It runs under the npm
 * configuration this process was started with (`npm test` hands npm's settings to its scripts as
 * npm_config_* variables), made hostile on purpose: ignore-scripts on, and node-gyp pointed at a
 * header folder that does not exist. A run that depended on either would fail here.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'ensure-n8n.sh');
const NODE_VERSION = '24.21.0';
const N8N_VERSION = '2.41.1';

const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-n8n-probe-'));
afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));

const hostileEnv = {
	...process.env,
	N8N_CACHE_DIR: cache,
	N8N_VERSION,
	NODE_VERSION,
	npm_config_ignore_scripts: 'true',
	npm_config_nodedir: path.join(cache, 'no-such-node-headers'),
};

function installer(args, timeoutMs) {
	return spawnSync('bash', [SCRIPT, ...args], { env: hostileEnv, encoding: 'utf8', timeout: timeoutMs });
}

const probeDir = path.join(cache, `probe-n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
const nodeBin = path.join(probeDir, 'node', 'node_modules', 'node', 'bin', 'node');

describe('scripts/ensure-n8n.sh on an empty cache, under npm test\'s npm configuration', () => {
	let probe;
	beforeAll(() => {
		// An earlier run that was interrupted half-way left its folder behind.
		fs.mkdirSync(path.join(`${probeDir}.partial`, 'node'), { recursive: true });
		fs.writeFileSync(path.join(`${probeDir}.partial`, 'node', 'package.json'), '{"broken":');
		probe = installer(['--probe'], 12 * 60 * 1000);
	}, 13 * 60 * 1000);

	test('the install finishes and prints its folder', () => {
		expect({ status: probe.status, signal: probe.signal, stderrTail: probe.stderr.slice(-3000) }).toMatchObject({
			status: 0,
			signal: null,
		});
		expect(probe.stdout.trim().split('\n').pop()).toBe(probeDir);
		expect(fs.existsSync(`${probeDir}.partial`)).toBe(false);
	});

	test('the Node.js it installed runs', () => {
		const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
		expect(r.stdout.trim()).toBe(`v${NODE_VERSION}`);
	});

	test('sqlite3 loads under that Node and answers a query', () => {
		const script = "const s=require('sqlite3');new s.Database(':memory:').get('select 6*7 as x',(e,r)=>{if(e)throw e;process.stdout.write(String(r.x))})";
		const r = spawnSync(nodeBin, ['-e', script], { cwd: path.join(probeDir, 'n8n'), encoding: 'utf8' });
		expect({ out: r.stdout, err: r.stderr.slice(0, 500) }).toEqual({ out: '42', err: '' });
	});

	test('sqlite3 was built against the headers that came with that Node, not downloaded ones', () => {
		const gypi = fs.readFileSync(path.join(probeDir, 'n8n', 'node_modules', 'sqlite3', 'build', 'config.gypi'), 'utf8');
		const nodedir = /"nodedir":\s*"([^"]+)"/.exec(gypi)?.[1];
		expect(nodedir?.startsWith(`${probeDir}.partial${path.sep}node${path.sep}`)).toBe(true);
	});

	test('a folder without its completion marker does not count as installed', () => {
		fs.renameSync(path.join(probeDir, '.complete'), path.join(probeDir, '.complete-moved'));
		try {
			const r = installer(['--probe', '--check'], 60 * 1000);
			expect(r.status).toBe(3);
		} finally {
			fs.renameSync(path.join(probeDir, '.complete-moved'), path.join(probeDir, '.complete'));
		}
	});
});

describe('scripts/ensure-n8n.sh --check never installs', () => {
	const version = { N8N_VERSION: '0.0.1', NODE_VERSION: '0.0.1' };
	const dir = path.join(cache, 'n8n-0.0.1-node-0.0.1');
	const check = () =>
		spawnSync('bash', [SCRIPT, '--check'], { env: { ...hostileEnv, ...version }, encoding: 'utf8', timeout: 60 * 1000 });

	test('nothing there: exit 3 with the command that installs it', () => {
		const r = check();
		expect(r.status).toBe(3);
		expect(r.stderr).toContain('N8N_VERSION=0.0.1 NODE_VERSION=0.0.1 bash scripts/ensure-n8n.sh');
		expect(fs.existsSync(dir)).toBe(false);
	});

	test('a marked folder whose Node does not run is not installed', () => {
		fs.mkdirSync(path.join(dir, 'node', 'node_modules', 'node', 'bin'), { recursive: true });
		fs.writeFileSync(path.join(dir, 'node', 'node_modules', 'node', 'bin', 'node'), 'not a binary', { mode: 0o755 });
		fs.writeFileSync(path.join(dir, '.complete'), '');
		expect(check().status).toBe(3);
	});
});
