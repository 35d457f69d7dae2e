// bad-suppression: a //goleash:ignore (or //lint:ignore, //nolint:goleash) comment that suppresses nothing, has no
// required reason, or names a rule goleash does not have.
// The driver reports it after matching suppressions (src/suppress.ts); `check` has nothing to judge per go statement.
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'bad-suppression',
    name: 'BadSuppression',
    level: 'note',
    precision: 'very-high',
    title: 'A goleash suppression comment suppresses nothing, gives no required reason, or names an unknown rule.',
    description:
      'A //goleash:ignore comment must name the rules it silences and say why, and must sit on the line of the finding or the line above. One that names a rule goleash does not have (a typo such as ctx-done-mising, or all) silences nothing; one that matches no finding is stale: the code changed, or the comment is on the wrong line.',
    help: [
      'Suppress a reviewed finding with a comment on its line or the line above: `//goleash:ignore <rule-id>[,<rule-id>] <reason>`. The reason is required; a suppression without one does not suppress. Each name must be a goleash rule id (`goleash rules`); an unknown name, or `all`, is reported, with the nearest rule id when there is one.',
      "Other linters' comments are honoured too: staticcheck's `//lint:ignore goleash <reason>` (or a comma list of checks that contains `goleash` or a goleash rule id; the reason is required, as staticcheck requires it), and golangci-lint's `//nolint`, `//nolint:all` and `//nolint:goleash`, whose reason (`//nolint:goleash // why`) is optional, as golangci-lint's nolintlint leaves it by default. A bare `//nolint` or `//nolint:all` speaks for every linter and is never reported as unused.",
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
