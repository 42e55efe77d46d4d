'use strict';
/**
 * Real-n8n end-to-end harness: runs the BUILT package (`dist/`) inside a real n8n, installed the
 * way n8n's community-package installer installs it, in a throw-away user folder per instance.
 * A new vendor adds a stand-in server and test cases under test/e2e/, not a new harness.
 *
 *   const { createInstance } = require('../support/n8n');
 *   const n8n = await createInstance();          // ensures n8n, new user folder, installs the package
 *   afterAll(() => n8n.cleanup());               // stops the server, kills children, removes the folder
 *   await n8n.importCredentials([{ id, name, type, data }]);
 *   await n8n.importWorkflow(workflow);          // workflow.id: 16 characters
 *   const r = await n8n.execute(workflow.id);    // { code, signal, run, items(node), error, stdout, stderr }
 *   await n8n.publishWorkflow(id); await n8n.start(); await n8n.executions({ workflowId });
 *
 * Which n8n: E2E_N8N_VERSION (default 2.41.1) on the Node E2E_NODE_VERSION (default 24.21.0 for
 * n8n 2.x, 22.23.3 for 1.x), both handed to scripts/ensure-n8n.sh, which caches one install per
 * pair. The same tests run on both lines (`node scripts/run-tests.mjs e2e-1x` runs them on
 * 1.123.81); a test that cannot hold on one line is skipped there with `N8N_MAJOR` and a reason.
 *
 * API
 *   N8N_VERSION, N8N_MAJOR, NODE_VERSION   what this process runs against (from the env above)
 *   ensureN8n({ install = false }) -> Promise<{ dir, nodeBin, n8nBin, version, major, nodeVersion }>
 *     finds the install of scripts/ensure-n8n.sh once per process; tests never install (npm test
 *     does that before the suites), the sandbox and the bench pass install: true. nodeBin is
 *     the Node NODE_VERSION, n8nBin is n8n's bin script.
 *   createInstance({ packageDir = repo root, env = {}, installPackage = true, port = a free one }) -> N8nInstance
 *   N8nInstance
 *     .userFolder, .port, .url (http://127.0.0.1:<port>), .env (what every n8n child gets)
 *     .cli(args, { timeoutMs = 120 s, env }) -> { code, signal, stdout, stderr, timedOut }
 *     .importCredentials(array of { id, name, type, data })   data is plain; n8n encrypts it
 *     .importWorkflow(workflow | workflow[]) -> id(s)          fills active:false, settings, etc.
 *     .execute(workflowId, { timeoutMs }) -> { code, signal, run, items(nodeName, output = 0,
 *         runIndex = 0) -> json[], error (data.resultData.error or null), status, stdout, stderr }
 *     .exportCredential(id) -> decrypted credential { id, name, type, data, ... }
 *     .publishWorkflow(id)                  activates it for the next start()
 *     .start({ timeoutMs = 180 s })         `n8n start`, waits for GET /healthz/readiness = 200
 *                                           (1.x: and for its REST API, see restReady())
 *     .command, .healthUrl, .serverEnv, .wrapper, .name   what start() runs (['start']), where it
 *                                           asks for readiness (.url), extra env of the server
 *                                           only, a command prefix, a label for timings; set by
 *                                           dev/queue/index.js for workers/webhook (queue mode)
 *     .stop({ timeoutMs = 30 s })           SIGTERM, then SIGKILL of its process group
 *     .restart()
 *     .waitForLog(pattern, { timeoutMs })  until the running server's output matches
 *     .waitForActivation(workflowId)       until n8n has activated a published workflow (first
 *                                           start of a folder; activation is asynchronous in 2.41;
 *                                           1.x: read from its log, it has no publication status)
 *     .rest(method, path, body)             n8n's internal REST API with an owner session
 *                                           (owner set up on first use, login after that)
 *     .executions({ workflowId, status, includeData = true }) -> finished executions, oldest
 *         first: { id, status, mode, startedAt, stoppedAt, run, items(nodeName), error }
 *     .logText()                            everything n8n printed so far (server and CLI runs)
 *     .timings                              [{ phase, ms }] measured by this instance
 *     .cleanup()                            stop, kill CLI children, remove the user folder
 *                                           (kept when E2E_KEEP_TMP=1, path printed)
 *   phase(label, fn)   times fn, prints `[e2e] <label>: 1.2s` to stderr
 *
 * How the package gets into n8n (read in n8n 2.41.1's code, modules/community-packages/):
 *   - The UI installer (CommunityPackagesService.downloadPackage) `npm pack`s the package, unpacks
 *     it to <N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>/, rewrites its package.json WITHOUT
 *     devDependencies, peerDependencies and optionalDependencies, runs `npm install` there (only
 *     `dependencies`), and records `<name>: <version>` in <...>/.n8n/nodes/package.json (the
 *     "ledger", { name: 'installed-nodes', private: true, dependencies }). We do the same: the
 *     files are exactly those `npm pack --dry-run` would publish.
 *   - n8n-workflow is therefore NOT installed beside the package (its peerDependency is stripped
 *     before `npm install`). It resolves from n8n's own node_modules, because
 *     LoadNodesAndCredentials.init() puts n8n's module paths into NODE_PATH. We reproduce that
 *     by not adding one: a copy beside the package would hide a wrong import that users would hit.
 *   - Loading does not need a row in installed_packages/installed_nodes: at every start and CLI
 *     command, CommunityPackagesModule.nodeLoaders() scans nodes/node_modules for `n8n-nodes-*`
 *     and `@*\/n8n-nodes-*` folders (scanDirectoryForPackages, LazyPackageDirectoryLoader). The rows
 *     only feed Settings > Community nodes and the reinstall-missing-packages check, so none are
 *     written here.
 *
 * Environment of every n8n child (see createInstance): a fresh N8N_USER_FOLDER, a fixed
 * N8N_ENCRYPTION_KEY, sqlite, 127.0.0.1 and free ports (N8N_PORT per instance, a fresh
 * N8N_RUNNERS_BROKER_PORT per process, so a CLI run beside the server does not take its port),
 * log level info (`execute --rawOutput` prints the run at info), the Node it runs on first on PATH, and
 * nothing inherited from the caller's N8N_*, DB_*, NODE_ENV (jest sets "test", and n8n then
 * refuses to load nodes), NODE_OPTIONS or NODE_PATH. Nothing calls out of the machine: diagnostics,
 * version notifications, templates and the MCP registry module (which fetches api.n8n.io at
 * start) are off; checked with strace (no connect() to anything but 127.0.0.1), on 2.41.1 and on
 * 1.123.81 (`n8n start`, 45 s).
 *
 * n8n 1.x (1.123.81, read in its installed code; everything else the harness does is the same there):
 *   - publish:workflow does not exist: publishWorkflow() runs `update:workflow --id=X --active=true`,
 *     which sets the same activeVersionId (import:workflow writes the workflow_history row).
 *   - `n8n start` listens and answers readiness 200 once the DB is migrated, but registers /rest/*
 *     only after that (404 until then): start() also waits for its `Version: <version>` line.
 *   - No publication-status endpoint: waitForActivation() waits for the log line
 *     `Activated workflow "<name>" (ID: <id>)` (or fails on `Issue on initial workflow activation`).
 *     As in 2.41, the workflows are activated after readiness, and activation includes one poll.
 *   - GET /rest/executions pages by `lastId`, not by cursor.
 *   - N8N_DISABLED_MODULES=mcp-registry is left out (1.x has no such module, and an unknown name
 *     stops every command at boot); N8N_RUNNERS_ENABLED=true (off by default in 1.x, always on in 2.x).
 *   - Same as 2.41: community packages load from <user folder>/.n8n/nodes/node_modules (the
 *     community-packages module's loadDir(); downloadPackage() strips dev/peer/optional
 *     dependencies the same way), n8n-workflow resolves through NODE_PATH, owner setup and login
 *     (`emailOrLdapLoginId`), /rest/oauth2-credential/*, /types/*.json, `execute --rawOutput`
 *     (the run as pretty JSON through the logger at info), import/export commands.
 *   - Node: 1.123's engines allow ">=20.19 <= 24.x", but its default expression engine ("vm",
 *     isolated-vm 6.2.0: engines node >= 22, prebuilt for Node 22 and 24 only) makes `n8n start`
 *     and `n8n execute` exit at boot on Node 20 ("No native build was found ... abi=115").
 *
 * Measured here (2 cores): a CLI command costs 4-6 s (n8n boots each time; the first one on a new
 * folder also runs the DB migrations, +3-4 s), `n8n start` is ready in 10-15 s, stop < 1 s.
 * Rarely (once in about 30 runs here) `n8n execute` dies of SIGSEGV while exiting, after its run:
 * execute() then returns the run with `signal: 'SIGSEGV'`; judge a run by `error`, not only `code`.
 *
 * Every child process runs in its own process group, is bounded by a timeout, and is killed by
 * stop()/cleanup() or, at the latest, when the jest worker exits or is stopped by a signal.
 * E2E_KEEP_TMP=1 keeps the user folder (logs/cli.log, logs/server-N.log, the sqlite DB).
 *
 * Adding a vendor: a stand-in module on dev/standin/core.js (dev/standin/<vendor>/), credential
 * builders in dev/fixtures/<vendor>.js, node builders in test/e2e/fixtures/<vendor>.js on top of
 * fixtures/workflows.js (manualWorkflow, triggerWorkflow, id16), and test/e2e/<vendor>-*.test.js.
 * load.test.js already covers every node and credential listed in package.json.
 *
 * Layout (dev/n8n/): process.js (children, timing, fetch), install.js (versions, ensureN8n, the
 * package install), env.js (the environment), owner.js (owner accounts), instance.js (N8nInstance,
 * createInstance) with cli.js, server.js and rest.js (its methods by concern).
 */
const { phase, freePort, spawnTracked, killGroup, runBounded, within } = require('./process');
const { REPO_ROOT, N8N_VERSION, N8N_MAJOR, NODE_VERSION, ensureN8n, installPackage } = require('./install');
const { ENCRYPTION_KEY, QUIET_N8N_ENV, loopbackN8nEnv } = require('./env');
const { N8nInstance, createInstance } = require('./instance');
const owner = require('./owner');

module.exports = {
	QUIET_N8N_ENV,
	loopbackN8nEnv,
	ensureN8n,
	createInstance,
	installPackage,
	phase,
	freePort,
	REPO_ROOT,
	ENCRYPTION_KEY,
	N8nInstance,
	N8N_VERSION,
	N8N_MAJOR,
	NODE_VERSION,
	E2E_OWNER: owner.E2E_OWNER,
	DEMO_OWNER: owner.DEMO_OWNER,
	ownerSession: owner.ownerSession,
	// for dev/queue (queue mode)
	spawnTracked,
	killGroup,
	runBounded,
	within,
};
