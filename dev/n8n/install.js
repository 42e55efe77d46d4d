'use strict';
/*
 * Which n8n and Node the harness runs (E2E_N8N_VERSION, E2E_NODE_VERSION), finding them in the
 * cache of scripts/ensure-n8n.sh, and installing the built package the way n8n's community-package
 * installer does (see index.js).
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { phase, runBounded } = require('./process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The n8n the suite runs against (E2E_N8N_VERSION), and the Node.js it runs on (E2E_NODE_VERSION). */
const N8N_VERSION = process.env.E2E_N8N_VERSION || '2.41.1';
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
// n8n 2.x needs Node >= 24. n8n 1.123's engines say ">=20.19 <= 24.x", but on Node 20 its
// default expression engine ("vm": isolated-vm 6.2.0, engines node >= 22, prebuilt only for Node
// 22 and 24) stops `n8n start` and `n8n execute` at boot: Node 22 for 1.x.
const NODE_VERSION = process.env.E2E_NODE_VERSION || (N8N_MAJOR >= 2 ? '24.21.0' : '22.23.3');

/* ----------------------------------------------------------- ensure n8n */

let ensured;

/**
 * Finds n8n N8N_VERSION + Node NODE_VERSION in the cache of scripts/ensure-n8n.sh, once per
 * process. Tests never install (`npm test` installs every n8n it needs before the suites start):
 * without an install they fail at once with the command that installs it. The sandbox and the
 * bench pass { install: true }, which installs when missing (with the installer's progress).
 */
function ensureN8n({ install = false } = {}) {
	if (!ensured) {
		const label = install ? 'install check' : 'find the installed n8n';
		ensured = phase(`${label} (scripts/ensure-n8n.sh, n8n ${N8N_VERSION}, node ${NODE_VERSION})`, async () => {
			const args = [path.join(REPO_ROOT, 'scripts', 'ensure-n8n.sh'), ...(install ? [] : ['--check'])];
			const r = await runBounded('bash', args, {
				env: { ...process.env, N8N_VERSION, NODE_VERSION },
				cwd: REPO_ROOT,
				timeoutMs: (install ? 40 : 1) * 60 * 1000,
				stderrInherit: true,
			});
			const dir = r.stdout.trim().split('\n').pop();
			if (r.code === 3 && !install) {
				throw new Error(
					`n8n ${N8N_VERSION} (node ${NODE_VERSION}) is not installed. Run the suites through \`npm test\` (it installs n8n first), or install it once: N8N_VERSION=${N8N_VERSION} NODE_VERSION=${NODE_VERSION} bash scripts/ensure-n8n.sh`,
				);
			}
			if (r.code !== 0 || !dir) {
				throw new Error(`scripts/ensure-n8n.sh failed (code ${r.code}, signal ${r.signal})`);
			}
			const nodeBin = path.join(dir, 'node', 'node_modules', 'node', 'bin', 'node');
			const n8nBin = path.join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n');
			for (const f of [nodeBin, n8nBin]) {
				if (!fs.existsSync(f)) throw new Error(`ensure-n8n.sh printed ${dir}, but ${f} is missing`);
			}
			const installed = JSON.parse(fs.readFileSync(path.join(dir, 'n8n', 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
			if (installed !== N8N_VERSION) throw new Error(`ensure-n8n.sh printed ${dir}, which holds n8n ${installed}, not ${N8N_VERSION}`);
			return { dir, nodeBin, n8nBin, version: N8N_VERSION, major: N8N_MAJOR, nodeVersion: NODE_VERSION };
		});
		ensured.catch(() => (ensured = undefined));
	}
	return ensured;
}

/* ------------------------------------------------- package installation */

/** The files `npm pack` would publish, relative to packageDir. */
async function packedFiles(packageDir) {
	const r = await runBounded('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		env: { ...process.env, npm_config_loglevel: 'error' },
		cwd: packageDir,
		timeoutMs: 120 * 1000,
	});
	if (r.code !== 0) throw new Error(`npm pack --dry-run failed in ${packageDir}:\n${r.stderr}`);
	const [pack] = JSON.parse(r.stdout);
	return pack.files.map((f) => f.path);
}

/**
 * Installs the built package into <nodesDir>/node_modules as n8n's community-package installer
 * does. `keep: true` (the sandbox's kept folder) replaces an older copy and merges the ledger, so
 * packages installed through n8n's UI stay listed. Returns { name, version, dir, files }.
 */
async function installPackage(packageDir, nodesDir, env, { keep = false } = {}) {
	const pkg = JSON.parse(await fsp.readFile(path.join(packageDir, 'package.json'), 'utf8'));
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = declared.filter((f) => !fs.existsSync(path.join(packageDir, f)));
	if (missing.length) {
		throw new Error(
			`The package is not built: ${missing.join(', ')} missing. Run \`npm run build\` first.`,
		);
	}
	const target = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	if (keep) await fsp.rm(target, { recursive: true, force: true });
	await fsp.mkdir(target, { recursive: true });
	const files = await packedFiles(packageDir);
	for (const rel of files) {
		await fsp.mkdir(path.dirname(path.join(target, rel)), { recursive: true });
		await fsp.copyFile(path.join(packageDir, rel), path.join(target, rel));
	}
	// As n8n's downloadPackage(): drop dev/peer/optional dependencies, then install the rest.
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = pkg;
	await fsp.writeFile(path.join(target, 'package.json'), JSON.stringify(installed, null, 2));
	if (Object.keys(installed.dependencies ?? {}).length > 0) {
		const r = await runBounded(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ env, cwd: target, timeoutMs: 10 * 60 * 1000 },
		);
		if (r.code !== 0) throw new Error(`npm install of the package's dependencies failed:\n${r.stderr}`);
	}
	// n8n's ledger of installed community packages.
	const ledgerFile = path.join(nodesDir, 'package.json');
	let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	if (keep) {
		try {
			ledger = JSON.parse(await fsp.readFile(ledgerFile, 'utf8'));
		} catch {
			/* first start */
		}
	}
	ledger.dependencies = { ...(ledger.dependencies ?? {}), [pkg.name]: pkg.version };
	await fsp.writeFile(ledgerFile, JSON.stringify(ledger, null, 2));
	return { name: pkg.name, version: pkg.version, dir: target, files: files.length };
}



module.exports = { REPO_ROOT, N8N_VERSION, N8N_MAJOR, NODE_VERSION, ensureN8n, packedFiles, installPackage };
