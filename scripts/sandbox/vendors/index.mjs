// The demo vendors of the sandbox, in start order. A vendor is one module here:
//   { name, phase (label of its start), start({ fixedPort }) -> stand-in with close(),
//     credentials(standIn) -> n8n import records (ids as examples/*.json refer to them),
//     banner(standIn) -> lines for the "sandbox ready" text }
import rezstream from './rezstream.mjs';
import apiv1 from './apiv1.mjs';
import kaizala from './kaizala.mjs';

export default [rezstream, apiv1, kaizala];
