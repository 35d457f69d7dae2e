// Findings as the protocol wants them: diagnostics, and the code actions that fix or suppress one.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Range as LspRange,
  type SnippetTextEdit,
  type TextEdit,
} from 'vscode-languageserver/node';
import { fixSkipReason } from '../fix.js';
import type { Range } from '../parse/types.js';
import { ruleDocUrl } from '../report/sarif.js';
import { rule as badSuppression } from '../rules/bad-suppression/index.js';
import { plainMessage, type Finding, type Level } from '../rules/types.js';

/** goleash's 1-based line and UTF-16 column to the protocol's 0-based line and character (UTF-16 too). */
export function lspRange(r: Range): LspRange {
  return { start: { line: r.start.line - 1, character: r.start.col - 1 }, end: { line: r.end.line - 1, character: r.end.col - 1 } };
}

const SEVERITY: Record<Level, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

export function uriOf(root: string, file: string): string {
  return pathToFileURL(path.resolve(root, file)).href;
}

export function toDiagnostic(root: string, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: lspRange(f.range),
    severity: SEVERITY[f.level],
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    source: 'goleash',
    message: plainMessage(f.message),
  };
  if (f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: uriOf(root, r.file), range: lspRange(r.range) }, message: r.message }));
  }
  return d;
}

/** The lines of `a` and `b` meet: a cursor anywhere on a finding's line offers its actions. */
function overlaps(a: LspRange, b: LspRange): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

export interface ActionContext {
  root: string;
  uri: string;
  /** the document's version the findings were computed for */
  version: number;
  /** the text the findings were computed from */
  text: string;
  /** the text a file (root-relative) had when the findings were computed, if it still has it; else undefined */
  textOf: (file: string) => string | undefined;
  /** the client applies SnippetTextEdits in a workspace edit (workspace.workspaceEdit.snippetEditSupport) */
  snippets: boolean;
}

/** The fix --fix would apply (when it would) and a suppression comment, for each finding in `range`. */
export function codeActions(ctx: ActionContext, findings: Finding[], range: LspRange): CodeAction[] {
  const lines = ctx.text.split('\n');
  const out: CodeAction[] = [];
  for (const f of findings) {
    const at = lspRange(f.range);
    if (!overlaps(at, range)) continue;
    const diagnostic = toDiagnostic(ctx.root, f);
    // the edits may be in another file (the send in the goroutine's function): it must still read as analyzed
    const fixFile = f.fix?.edits[0]?.file;
    const fixText = fixFile === undefined ? undefined : ctx.textOf(fixFile);
    if (f.fix && fixText !== undefined && fixSkipReason(fixText.split('\n'), f) === undefined) {
      out.push({
        title: `goleash: ${f.fix.description}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uriOf(ctx.root, fixFile!)]: f.fix.edits.map((e): TextEdit => ({ range: lspRange(e.range), newText: e.text })) } },
      });
    }
    if (f.ruleId === badSuppression.meta.id) continue;
    const line = lines[f.range.start.line - 1] ?? '';
    const indent = /^[ \t]*/.exec(line)![0];
    const eol = line.endsWith('\r') ? '\r\n' : '\n';
    const insertAt: LspRange = { start: { line: f.range.start.line - 1, character: 0 }, end: { line: f.range.start.line - 1, character: 0 } };
    const comment = `${indent}//goleash:ignore ${f.ruleId} `;
    const edit: CodeAction['edit'] = ctx.snippets
      ? {
          documentChanges: [
            {
              textDocument: { uri: ctx.uri, version: ctx.version },
              edits: [{ range: insertAt, snippet: { kind: 'snippet', value: `${snippetText(comment)}\${1:reason}${eol}` } } satisfies SnippetTextEdit],
            },
          ],
        }
      : { changes: { [ctx.uri]: [{ range: insertAt, newText: `${comment}TODO reason${eol}` }] } };
    out.push({ title: `goleash: suppress ${f.ruleId} on this line (//goleash:ignore)`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
  }
  return out;
}

/** Text inside a snippet: `$`, `}` and `\` are escaped. */
function snippetText(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}
