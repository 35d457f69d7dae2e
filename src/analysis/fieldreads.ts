// Struct fields across a package: whether any code of the package reads a field after storing into it. Lexical
// (the files' selectorReads, src/parse/selectors.ts), so it covers every body, parsed or not. Only unexported
// fields are judged: code of other packages cannot name them, so the package's files are all there is.
import type { Program } from '../index/program.js';
import type { Val } from '../ir/types.js';
import type { FileFacts } from '../parse/types.js';
import { isExported } from '../parse/syntax.js';

/** No code of `file`'s package reads the unexported field (calls it, passes it on, copies it, compares it): what
 * is stored there is never used again. False for an exported field, which other packages may read. */
export function fieldNeverRead(program: Program, file: FileFacts, field: Val & { k: 'field' }): boolean {
  if (isExported(field.name)) return false;
  return program.packageOf(file).files.every((f) => !f.selectorReads?.includes(field.name));
}

/** Two field values name the same field: the same owner type and name, or the same name on the same variable. */
export function sameField(a: Val & { k: 'field' }, b: Val & { k: 'field' }): boolean {
  if (a.name !== b.name) return false;
  if (a.owner && b.owner) return a.owner.pkg === b.owner.pkg && a.owner.name === b.owner.name;
  return !!a.base && a.base === b.base;
}
