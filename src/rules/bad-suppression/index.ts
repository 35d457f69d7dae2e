// bad-suppression: a //goleash:ignore (or //nolint:goleash) comment that suppresses nothing, or has no reason.
// The driver reports it after matching suppressions (src/suppress.ts); `check` has nothing to judge per go statement.
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'bad-suppression',
    name: 'BadSuppression',
    level: 'note',
    precision: 'very-high',
    title: 'A goleash suppression comment suppresses nothing or gives no reason.',
    description:
      'A //goleash:ignore comment must name the rule it silences and say why, and must sit on the line of the finding or the line above. One that matches no finding is stale: the code changed, or the comment is on the wrong line.',
    help: [
      'Suppress a reviewed finding with a comment on its line or the line above: `//goleash:ignore <rule-id>[,<rule-id>] <reason>`. The reason is required; a suppression without one does not suppress. `//nolint:goleash` (golangci-lint style) is accepted as well and needs no reason.',
      'A suppression that matches no finding is reported so that stale comments do not pile up: delete it, or move it to the line of the finding.',
      '```go\n//goleash:ignore ctx-done-missing the pool owns this goroutine and closes jobs on shutdown\ngo worker(ctx, jobs)\n```',
      'To silence this note itself, fix or delete the comment; `//goleash:ignore bad-suppression <reason>` is not honoured.',
    ].join('\n\n'),
    tags: ['maintainability', 'suppression'],
    since: '0.1.0',
    examples: { bad: 'testdata/suppress/suppress.go', good: 'testdata/suppress/suppress.go' },
  },
  check() {
    /* reported by the driver */
  },
};
