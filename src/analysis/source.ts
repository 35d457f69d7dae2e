// The text of a module file for the lexical analyses (src/analysis/stream-callers.ts, field-senders.ts): read once
// per run through Program.sourceOf (the run's own texts: an editor's unsaved buffer too), with its comments, and
// unless asked to keep them its string and rune literals, blanked to spaces. Same length, line breaks kept, so
// offsets and line numbers are those of the file.
import type { Program } from '../index/program.js';
import { opensLiteral, skipLiteral } from '../parse/blank.js';
import type { FileFacts } from '../parse/types.js';

const masked = { code: new WeakMap<FileFacts, string | null>(), withStrings: new WeakMap<FileFacts, string | null>() };

/** The file's text with comments blanked, and string and rune literals too unless `keepStrings`; null when the file
 * cannot be read. */
export function codeText(program: Program, file: FileFacts, keepStrings = false): string | null {
  const cache = keepStrings ? masked.withStrings : masked.code;
  let m = cache.get(file);
  if (m !== undefined) return m;
  const text = program.sourceOf(file);
  if (text === null) {
    cache.set(file, null);
    return null;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!opensLiteral(text.charCodeAt(i))) continue;
    const e = skipLiteral(text, i);
    if (e < 0) continue;
    if (!keepStrings || text.charCodeAt(i) === 47 /* / : a comment */) out += text.slice(from, i) + text.slice(i, e).replace(/[^\n]/g, ' ');
    else out += text.slice(from, e);
    from = e;
    i = e - 1;
  }
  m = out + text.slice(from);
  cache.set(file, m);
  return m;
}
