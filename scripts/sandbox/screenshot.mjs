// The sandbox's screenshot (node scripts/sandbox.mjs --screenshot FILE): headless Chromium runs an
// example workflow in the editor, logged in as the demo owner, and saves a PNG.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { phase, run, secs } from './util.mjs';

async function ensureChromium() {
	const bin = process.env.CHROMIUM || '/usr/bin/chromium';
	if (fs.existsSync(bin)) return bin;
	if (process.env.CHROMIUM || process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error(`${bin} is missing. The screenshot needs Debian's chromium: sudo apt-get update && sudo apt-get install -y chromium (or CHROMIUM=/path/to/chromium)`);
	}
	await phase('apt-get install chromium', async () => {
		run('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
		run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	});
	return bin;
}

/**
 * Headless Chromium driven through the DevTools protocol on a pipe (--remote-debugging-pipe:
 * commands on fd 3, answers on fd 4, NUL-separated JSON), so no npm package and no WebSocket.
 */
async function startChromium(bin) {
	const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'sandbox-chromium-'));
	const child = spawn(
		bin,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--no-default-browser-check',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-extensions',
			'--hide-scrollbars',
			'--window-size=1440,900',
			`--user-data-dir=${profile}`,
			'--remote-debugging-pipe',
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true },
	);
	let stderr = '';
	child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
	const exited = new Promise((resolve) => child.on('close', resolve));
	const toChrome = child.stdio[3];
	const fromChrome = child.stdio[4];
	let nextId = 1;
	const pending = new Map();
	const listeners = new Set();
	let buf = '';
	fromChrome.on('data', (d) => {
		buf += d.toString('utf8');
		let i;
		while ((i = buf.indexOf('\0')) !== -1) {
			const msg = JSON.parse(buf.slice(0, i));
			buf = buf.slice(i + 1);
			if (msg.id && pending.has(msg.id)) {
				const { resolve, reject, method } = pending.get(msg.id);
				pending.delete(msg.id);
				if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
				else resolve(msg.result);
			} else for (const l of listeners) l(msg);
		}
	});
	exited.then(() => {
		for (const { reject, method } of pending.values()) reject(new Error(`chromium exited during ${method}:\n${stderr}`));
		pending.clear();
	});
	const send = (method, params = {}, sessionId) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject, method });
			toChrome.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
		});
	const close = async () => {
		try {
			await Promise.race([send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]);
		} catch {
			/* gone */
		}
		if (child.exitCode === null && child.signalCode === null) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
		await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
		await fsp.rm(profile, { recursive: true, force: true, maxRetries: 3 });
	};
	return { send, close, listeners };
}

export async function screenshot(inst, workflowId, outFile, login) {
	const bin = await ensureChromium();
	const chrome = await startChromium(bin);
	try {
		const { targetId } = await chrome.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await chrome.send('Target.attachToTarget', { targetId, flatten: true });
		const page = (method, params) => chrome.send(method, params, sessionId);
		await page('Page.enable');
		await page('Runtime.enable');
		await page('Emulation.setDeviceMetricsOverride', { width: 1440, height: 900, deviceScaleFactor: 1, mobile: false });
		const evaluate = async (expression) => {
			const r = await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
			if (r.exceptionDetails) throw new Error(`page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
			return r.result.value;
		};
		const waitFor = async (what, expression, timeoutMs = 60 * 1000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				let value;
				try {
					value = await evaluate(expression);
				} catch {
					/* page still navigating */
				}
				if (value) return value;
				if (Date.now() > deadline) throw new Error(`the editor did not show ${what} within ${secs(timeoutMs)}`);
				await new Promise((r) => setTimeout(r, 250));
			}
		};
		const navigate = async (url) => {
			await page('Page.navigate', { url });
			await waitFor(`${url} loaded`, `document.readyState === 'complete' && location.href.startsWith(${JSON.stringify(inst.url)})`);
		};
		// Log in from inside the page, so the browser keeps n8n's auth cookie and the browser-id the
		// editor sends with it.
		await navigate(`${inst.url}/signin`);
		const status = await evaluate(`(async () => {
			let id = localStorage.getItem('n8n-browserId');
			if (!id) { id = crypto.randomUUID(); localStorage.setItem('n8n-browserId', id); }
			const r = await fetch('/rest/login', { method: 'POST', credentials: 'include',
				headers: { 'content-type': 'application/json', 'browser-id': id },
				body: JSON.stringify(${JSON.stringify({ emailOrLdapLoginId: login.email, password: login.password })}) });
			return r.status;
		})()`);
		if (status !== 200) throw new Error(`login in the browser failed: HTTP ${status}`);
		await navigate(`${inst.url}/workflow/${workflowId}`);
		const nodeCount = await waitFor('the workflow canvas', `document.querySelectorAll('[data-test-id="canvas-node"]').length`);
		// Run it the way a user does: the "Execute workflow" button; then every node shows its items.
		await waitFor('the Execute workflow button', `!!document.querySelector('[data-test-id="execute-workflow-button"]')`);
		await evaluate(`document.querySelector('[data-test-id="execute-workflow-button"]').click(), true`);
		await waitFor(
			'a finished run',
			`document.querySelectorAll('[data-test-id="canvas-node"] [data-test-id="canvas-node-status-success"]').length >= ${nodeCount - 1}`,
			120 * 1000,
		);
		await new Promise((r) => setTimeout(r, 1500)); // toasts and edges settle
		// Close "Workflow executed successfully" toasts so they do not cover the canvas.
		await evaluate(`document.querySelectorAll('.el-notification .el-notification__closeBtn').forEach((b) => b.click()), true`);
		await evaluate(`document.activeElement && document.activeElement.blur(), true`);
		// Fit, then one step smaller, so the floating "Execute workflow" button covers no node.
		for (const button of ['zoom-to-fit', 'zoom-out-button']) {
			await evaluate(`document.querySelector('[data-test-id="${button}"]')?.click(), true`);
			await new Promise((r) => setTimeout(r, 700));
		}
		await page('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 1400, y: 450 }); // no hover effects
		await new Promise((r) => setTimeout(r, 500));
		const { data } = await page('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
		await fsp.mkdir(path.dirname(outFile), { recursive: true });
		await fsp.writeFile(outFile, Buffer.from(data, 'base64'));
		return { nodeCount };
	} finally {
		await chrome.close();
	}
}
