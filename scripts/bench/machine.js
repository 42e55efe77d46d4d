'use strict';
/** The machine a benchmark ran on: CPU, cores, memory, OS, Node versions, n8n version. */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function safe(fn, fallback = 'unknown') {
	try {
		return fn();
	} catch {
		return fallback;
	}
}

function machineInfo({ nodeBin, n8nDir } = {}) {
	const cpuinfo = safe(() => fs.readFileSync('/proc/cpuinfo', 'utf8'), '');
	const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
	return {
		cpu: model,
		nproc: Number(safe(() => execFileSync('nproc', { encoding: 'utf8' }).trim(), String(os.availableParallelism()))),
		memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		node24: nodeBin ? safe(() => execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim()) : 'unknown',
		n8n: n8nDir
			? safe(() => JSON.parse(fs.readFileSync(path.join(n8nDir, 'n8n', 'node_modules', 'n8n', 'package.json'), 'utf8')).version)
			: 'unknown',
		npm: safe(() => execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()),
	};
}

module.exports = { machineInfo };
