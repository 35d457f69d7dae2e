// Whether the text report is coloured, decided as other command-line tools decide it:
// - FORCE_COLOR (any value but 0 or false; empty means on) colours even a pipe, and FORCE_COLOR=0 or false turns
//   colour off; it wins over NO_COLOR, as in Node.js and chalk;
// - otherwise NO_COLOR (set and not empty, https://no-color.org) turns it off;
// - otherwise the `supports-color` package decides from the stream and the environment: a terminal (not a pipe or
//   file), TERM not `dumb`, a TERM, COLORTERM or CI that supports colour.
// A report written with -o FILE is never coloured.
import type { WriteStream } from 'node:tty';
import { createSupportsColor } from 'supports-color';

/** Whether to colour what goes to `stream` (process.stdout), from process.env as described above. */
export function useColor(stream: { isTTY?: boolean }): boolean {
  if (process.env.FORCE_COLOR === undefined && process.env.NO_COLOR) return false;
  // sniffFlags: false, goleash's own arguments are not supports-color's --color/--no-color flags
  return createSupportsColor({ isTTY: stream.isTTY === true } as WriteStream, { sniffFlags: false }) !== false;
}
