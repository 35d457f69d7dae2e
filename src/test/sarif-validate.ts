// Validates a SARIF document against both schemas (copies of ../shared/sarif/ in testdata/sarif/): the canonical OASIS errata01 schema
// (draft-04, with ajv-draft-04) and the copy github/codeql-action's upload-sarif uses (with jsonschema,
// as the action does; like the action, uri/uri-reference format errors are ignored there).
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { Validator } from 'jsonschema';

const dir = new URL('../../testdata/sarif/', import.meta.url);
const canonical = JSON.parse(readFileSync(new URL('sarif-schema-2.1.0.json', dir), 'utf8'));
const codeql = JSON.parse(readFileSync(new URL('sarif-schema-2.1.0.codeql-action.json', dir), 'utf8'));

// both packages are CommonJS with a default export; under NodeNext the default import is the module object
type AjvLike = { compile(schema: unknown): ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } };
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as new (o: object) => AjvLike;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: AjvLike) => void;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateCanonical = ajv.compile(canonical);
const validator = new Validator();

export function sarifErrors(doc: unknown): string[] {
  const errors: string[] = [];
  if (!validateCanonical(doc)) {
    for (const e of validateCanonical.errors ?? []) errors.push(`canonical: ${e.instancePath} ${e.message}`);
  }
  const r = validator.validate(doc, codeql);
  for (const e of r.errors) {
    if (e.name === 'format' && /uri/.test(String(e.argument))) continue;
    errors.push(`codeql-action: ${e.property} ${e.message}`);
  }
  return errors;
}
