// A goleash run is short and runs most of its code only a few thousand times, so V8's optimising compiler
// spends more time on it than it saves: measured over etcd, a cold run compiled for 1.1 s of CPU, most of it
// inlining into the large fact-walk methods. A smaller inlining budget halves that (0.58 s), and waiting four
// times longer before optimising a function spares the functions that were never going to pay it back.
// Together they cut the wall time of a command-line run by about a fifth on one core and on two (where each
// thread compiles its own code): etcd 1.43 -> 1.20 s, istio 1.56 -> 1.42 s, moby with vendor/ 4.3 -> 4.1 s,
// with no measurable loss once the code is warm. V8 flags are process-wide, so worker threads get them too.
import { setFlagsFromString } from 'node:v8';

let done = false;

/** Called once by the goleash programs (the CLI, the benchmark) before any analysis; not by the library. */
export function tuneV8(): void {
  if (done) return;
  done = true;
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
  setFlagsFromString('--interrupt-budget=262144');
}
