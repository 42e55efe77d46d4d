#!/usr/bin/env node
// Run after `npm install` has rewritten package-lock.json.
// The registry these machines reach lacks other platforms' builds of some optional native
// bindings (@unrs/resolver-binding-*, pulled in by the lint toolchain), so `npm install`
// leaves them out of the lock, and `npm ci` then refuses the lock as "out of sync"
// (npm/cli#4828). This adds each missing optional dependency as an entry that is inert on
// this platform (os/cpu/libc from its name, no download), which is what npm itself writes
// when it can see them.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const CPU = { eabi: 'arm', gnueabihf: 'arm', musleabihf: 'arm' };
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `node_modules/${name}`;
		if (packages[key] || packages[`${path}/node_modules/${name}`]) continue;
		const match = /-(android|darwin|freebsd|linux|openharmony|win32)-([a-z0-9]+)(?:-([a-z0-9]+))?$/.exec(name);
		if (!match) {
			console.error(`left alone (no platform in its name): ${name}`);
			continue;
		}
		const [, os, arch, variant] = match;
		const cpu = arch === 'arm' && variant ? CPU[variant] ?? 'arm' : arch;
		const libc = /musl/.test(variant ?? '') ? ['musl'] : /gnu/.test(variant ?? '') ? ['glibc'] : undefined;
		packages[key] = { version, dev: true, optional: true, os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
		added++;
	}
}
lock.packages = Object.fromEntries(
	Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} optional foreign-platform entries added`);
