// .goleash.yaml / .goleash.yml / .goleash.json at the repository root (the --root directory): include and
// exclude globs, tests on/off, rule levels (or off), default format and --fail-on. Unknown keys are errors.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { UsageError } from './discover/discover.js';
import { errorWords, isSystemError } from './util/errors.js';
import { RULES } from './rules/index.js';
import type { Level, Rule } from './rules/types.js';

export const CONFIG_FILES = ['.goleash.yaml', '.goleash.yml', '.goleash.json'];
export const FAIL_ON = ['error', 'warning', 'note', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface Config {
  /** the file it came from, relative to the root; undefined when there is none */
  file?: string;
  include?: string[];
  exclude?: string[];
  tests?: boolean;
  format?: string;
  failOn?: FailOn;
  rules?: Record<string, Level | 'off'>;
}

const KEYS = new Set(['include', 'exclude', 'tests', 'format', 'fail-on', 'rules']);
const LEVELS = new Set(['error', 'warning', 'note', 'off']);

export function loadConfig(root: string, explicit?: string): Config {
  const file = explicit ? path.resolve(explicit) : CONFIG_FILES.map((f) => path.join(root, f)).find((f) => existsSync(f));
  if (!file) return {};
  const name = path.relative(root, file) || file;
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    // a system error in words ("no such file or directory"), a syntax error as the parser says it
    throw new UsageError(`${name}: ${isSystemError(e) ? errorWords(e) : (e as Error).message.split('\n')[0]}`);
  }
  if (raw == null) return { file: name };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${name}: expected a mapping of settings`);
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!KEYS.has(k)) throw new UsageError(`${name}: unknown setting "${k}" (known: ${[...KEYS].join(', ')})`);
  const strings = (k: string): string[] | undefined => {
    const v = obj[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new UsageError(`${name}: "${k}" must be a list of glob strings`);
    return v as string[];
  };
  const cfg: Config = { file: name, include: strings('include'), exclude: strings('exclude') };
  if (obj.tests !== undefined) {
    if (typeof obj.tests !== 'boolean') throw new UsageError(`${name}: "tests" must be true or false`);
    cfg.tests = obj.tests;
  }
  if (obj.format !== undefined) cfg.format = String(obj.format);
  if (obj['fail-on'] !== undefined) {
    const v = String(obj['fail-on']);
    if (!(FAIL_ON as readonly string[]).includes(v)) throw new UsageError(`${name}: "fail-on" must be one of ${FAIL_ON.join(', ')}`);
    cfg.failOn = v as FailOn;
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) throw new UsageError(`${name}: "rules" must map rule ids to levels`);
    cfg.rules = {};
    for (const [id, level] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!RULES.some((r) => r.meta.id === id)) throw new UsageError(`${name}: unknown rule "${id}" (see goleash rules)`);
      if (!LEVELS.has(String(level))) throw new UsageError(`${name}: rule "${id}" level must be error, warning, note or off`);
      cfg.rules[id] = String(level) as Level | 'off';
    }
  }
  return cfg;
}

/** The enabled rules with their configured levels. */
export function configuredRules(cfg: Config): Rule[] {
  const out: Rule[] = [];
  for (const r of RULES) {
    const level = cfg.rules?.[r.meta.id];
    if (level === 'off') continue;
    out.push(level ? { ...r, meta: { ...r.meta, level } } : r);
  }
  return out;
}
