// The vendors of the benchmark (scripts/bench.mjs). A vendor is one module here, an object with:
//   name                 'rezStream'
//   start()              -> state: its servers, started once per latency in LATENCIES
//                        (settings.mjs; 0 = CPU cost, 30 = the goal), each close() pushed to
//                        `cleanups`; credentials made for them
//   credentials(state)   -> n8n import records
//   warmUp(state)        -> nodes run once before the timed ones (optional)
//   pairs(state, L)      -> [{ key, label, goal, ours: node, http: node (n8n's HTTP Request on
//                        the same endpoint), server (its request log: `requests` with `at`,
//                        `path`), path: RegExp, check(oursIds, httpIds) -> problem text or null }]
//                        timed in the same n8n run; the report prints ours/http per pair
//                        against `goal` at GOAL_LATENCY
//   close(state)         closes its servers (before n8n's runs are read back)
// rezStream also has the request-count run (countsWorkflow, aroundCounts, checkCounts).
import rezstream from './rezstream.mjs';

export default [rezstream];
