'use strict';
/* Runs the rezStream stand-in on its own (a sandbox API):
 *   node dev/standin/rezstream/cli.js --port 4010 [--demo] [--latency 30] [--churn 10000] [--seed 42] [--reservations N] [--log]
 */
const { startRezStreamStandIn } = require('./index');


function parseArgs(argv) {
  const out = { port: 4010, demo: false, latencyMs: 0, churnMs: 0, seed: 42, log: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--port') out.port = Number(next());
    else if (a === '--demo') out.demo = true;
    else if (a === '--latency') out.latencyMs = Number(next());
    else if (a === '--churn') out.churnMs = Number(next());
    else if (a === '--seed') out.seed = Number(next());
    else if (a === '--reservations') out.reservations = Number(next());
    else if (a === '--log') out.log = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

if (require.main === module) {
  (async () => {
    const a = parseArgs(process.argv.slice(2));
    const s = await startRezStreamStandIn({
      port: a.port, demo: a.demo, latencyMs: a.latencyMs, seed: a.seed, log: a.log,
      data: a.reservations !== undefined ? { reservations: a.reservations } : undefined,
    });
    if (a.churnMs > 0) s.startChurn({ everyMs: a.churnMs, create: 1, update: 2 });
    process.stdout.write(JSON.stringify({
      url: s.url,
      manualToken: s.issueManualToken(),
      tenants: s.tenants,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    }) + '\n');
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      s.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}
