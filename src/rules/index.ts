// The rule registry, sorted by id. Adding a rule = adding its file and one line here.
import { rule as abandonedSender } from './abandoned-sender/index.js';
import { rule as badSuppression } from './bad-suppression/index.js';
import { rule as ctxDoneMissing } from './ctx-done-missing/index.js';
import { rule as ctxNeverCancelled } from './ctx-never-cancelled/index.js';
import { rule as ctxUnguardedBlock } from './ctx-unguarded-block/index.js';
import { rule as endlessGoroutine } from './endless-goroutine/index.js';
import { rule as heldLockWait } from './held-lock-wait/index.js';
import type { Rule } from './types.js';
import { rule as unclosedRange } from './unclosed-range/index.js';
import { rule as unguardedStream } from './unguarded-stream/index.js';
import { rule as unsentSignal } from './unsent-signal/index.js';

export const RULES: readonly Rule[] = [abandonedSender, badSuppression, ctxDoneMissing, ctxNeverCancelled, ctxUnguardedBlock, endlessGoroutine, heldLockWait, unclosedRange, unguardedStream, unsentSignal].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
