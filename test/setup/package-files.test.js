'use strict';
/**
 * What `npm publish` would ship, and the guard that keeps it from being published any other way
 * than the release path (`npm run release`, then the GitHub Actions workflow with provenance).
 * Needs the build (npm test builds first).
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(ROOT, 'package.json'));

function npm(args, env = {}) {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	return spawnSync('npm', args, { cwd: ROOT, env: { ...clean, ...env }, encoding: 'utf8', timeout: 120 * 1000 });
}

describe('the published tarball', () => {
	let pack;
	beforeAll(() => {
		const r = npm(['pack', '--dry-run', '--json', '--ignore-scripts']);
		expect(r.status).toBe(0);
		[pack] = JSON.parse(r.stdout);
	});

	// Every file must match one of these; anything else (sources, maps, tests, scripts,
	// stand-ins, examples, docs) is a defect.
	const ALLOWED = [
		/^package\.json$/,
		/^README\.md$/,
		/^LICENSE$/,
		/^index\.js$/,
		/^dist\/credentials\/[A-Za-z0-9]+\.credentials\.js$/,
		/^dist\/nodes\/[A-Za-z0-9]+\/([A-Za-z0-9]+\/)*[A-Za-z0-9.]+\.js$/,
		/^dist\/nodes\/[A-Za-z0-9]+\/[A-Za-z0-9]+\.node\.json$/,
		/^dist\/icons\/[a-z0-9.-]+\.svg$/,
	];

	test('holds only the allowed files', () => {
		const files = pack.files.map((f) => f.path);
		expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
	});

	test('ships no source maps, sources, tests or tooling', () => {
		const files = pack.files.map((f) => f.path);
		expect(files.filter((f) => /\.map$|\.ts$|^(test|scripts|dev|examples|docs|nodes|credentials)\//.test(f))).toEqual([]);
	});

	test('ships every credential and node that package.json registers, and n8n-workflow only as a peer', () => {
		const files = new Set(pack.files.map((f) => f.path));
		const registered = [...pkg.n8n.credentials, ...pkg.n8n.nodes];
		expect(registered.filter((f) => !files.has(f))).toEqual([]);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	});

	test('stays under 100 KB packed', () => {
		expect(pack.size).toBeLessThan(100 * 1024);
	});
});

describe('publishing', () => {
	test('a plain `npm publish` is refused by n8n-node prerelease', () => {
		const r = npm(['publish', '--dry-run']);
		expect(r.status).not.toBe(0);
		expect(r.stdout + r.stderr).toContain('run release');
	});

	test('the release path (RELEASE_MODE, as `n8n-node release` sets it in GitHub Actions) passes the guard', () => {
		const r = npm(['publish', '--dry-run', '--provenance=false'], { RELEASE_MODE: 'true' });
		expect({ status: r.status, err: r.stderr.split('\n').filter((l) => /ERR/.test(l)) }).toEqual({ status: 0, err: [] });
	});

	test('the release script and the provenance workflow are the ones n8n-node release expects', () => {
		const fs = require('node:fs');
		expect(pkg.scripts.release).toBe('n8n-node release');
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		const workflow = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');
		expect(workflow).toMatch(/id-token: write/);
		expect(workflow).toMatch(/npm run release/);
	});
});

describe('documentation links in the editor', () => {
	const fs = require('node:fs');
	// GitHub's anchor for a README heading: lower case, punctuation dropped, spaces as hyphens.
	const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
	const anchors = new Set(
		fs
			.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
			.split('\n')
			.filter((l) => /^#{2,4} /.test(l))
			.map((l) => slug(l.replace(/^#+ /, ''))),
	);
	const readme = `${pkg.homepage.replace(/#readme$/, '')}#`;

	function links() {
		const out = [];
		for (const file of pkg.n8n.credentials) {
			const mod = require(path.join(ROOT, file));
			for (const Cls of Object.values(mod)) out.push([file, new Cls().documentationUrl]);
		}
		for (const file of pkg.n8n.nodes) {
			const codex = JSON.parse(fs.readFileSync(path.join(ROOT, file.replace(/\.js$/, '.json')), 'utf8'));
			for (const kind of ['primaryDocumentation', 'credentialDocumentation']) {
				for (const { url } of codex.resources?.[kind] ?? []) out.push([`${file} ${kind}`, url]);
			}
		}
		return out;
	}

	test('every credential and node points at a setup section of this README that exists', () => {
		const found = links();
		expect(found.length).toBeGreaterThanOrEqual(pkg.n8n.credentials.length + pkg.n8n.nodes.length);
		const wrong = found.filter(([, url]) => !url?.startsWith(readme) || !anchors.has(url.slice(readme.length)));
		expect(wrong).toEqual([]);
	});

	test('the README names no file that a user of the package does not have', () => {
		const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		expect(text.match(/shared\/[\w-]+\.md|\.\.\/shared\//g)).toBeNull();
	});
});

