/**
 * The CodeMirror 6 editor behind the Edit pane: history, keys, line numbers, the compiler's
 * diagnostics (pushed in with setDiagnostics, since the compile runs in a worker over the
 * whole folder) and completion from lib/studio/completions.ts.
 */
import { autocompletion, type CompletionContext } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import type { AuthoringIssue } from '@/lib/pack/authoring/source-map';
import { completionContext, type CompletionWords } from '@/lib/studio/completions';

export interface EditorHooks {
  onChange(text: string): void;
  words(): CompletionWords;
}

export function editorState(text: string, hooks: EditorHooks): EditorState {
  const complete = (ctx: CompletionContext) => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const where = completionContext(line.text.slice(0, ctx.pos - line.from));
    if (!where) return null;
    const options = hooks.words()[where.kind].map((label) => ({ label, type: where.kind === 'steps' ? 'constant' : 'variable' }));
    return { from: line.from + where.from, options, validFor: /^[\w.-]*$/ };
  };
  return EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      history(),
      highlightActiveLine(),
      lintGutter(),
      autocompletion({ override: [complete] }),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorView.updateListener.of((u) => u.docChanged && hooks.onChange(u.state.doc.toString())),
    ],
  });
}

/** The issues of one file as diagnostics on their whole line (clamped: the line may be gone). */
export function showIssues(view: EditorView, errors: readonly AuthoringIssue[], warnings: readonly AuthoringIssue[]): void {
  const doc = view.state.doc;
  const at = (i: AuthoringIssue, severity: Diagnostic['severity']): Diagnostic => {
    const line = doc.line(Math.min(Math.max(i.line, 1), doc.lines));
    return { from: line.from, to: line.to, severity, message: `${i.line}: ${i.message}` };
  };
  view.dispatch(setDiagnostics(view.state, [...errors.map((i) => at(i, 'error')), ...warnings.map((i) => at(i, 'warning'))]));
}
