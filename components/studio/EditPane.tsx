/**
 * Edit: the folder's files, one open in CodeMirror, with the compiler's errors at their
 * line as you type, and the full list below (each one a button that jumps to its line).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { EditorView } from '@codemirror/view';
import { EditorSelection } from '@codemirror/state';
import { procedureFiles, PACK_FILE } from '@/lib/pack/authoring/compile';
import type { AuthoringIssue } from '@/lib/pack/authoring/source-map';
import { completionWords } from '@/lib/studio/completions';
import type { StudioPaneProps } from '@/lib/studio/contract';
import { studioT } from '@/lib/i18n/studio-t';
import { editorState, showIssues } from './code-editor';

export function fileOrder(names: string[]): string[] {
  const procs = procedureFiles(names);
  const rest = names.filter((n) => n !== PACK_FILE && !procs.includes(n)).sort();
  return [...names.filter((n) => n === PACK_FILE), ...procs, ...rest];
}

export function EditPane({ lastPack: pack, files, compiled, setFile, lang }: StudioPaneProps) {
  const t = studioT(lang);
  const names = fileOrder(Object.keys(files));
  const [open, setOpen] = useState(() => names.find((n) => n !== PACK_FILE && n.endsWith('.md')) ?? names[0] ?? PACK_FILE);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>();
  const hooks = useRef({ onChange: (text: string) => setFile(open, text), words: () => completionWords(pack) });
  hooks.current.onChange = (text) => setFile(open, text);
  hooks.current.words = () => completionWords(pack);
  const proxy = { onChange: (s: string) => hooks.current.onChange(s), words: () => hooks.current.words() };

  useEffect(() => {
    view.current = new EditorView({ state: editorState(files[open] ?? '', proxy), parent: host.current! });
    return () => view.current?.destroy();
  }, []);
  // Another file opened. Only the editor changes the open file's text while this pane is
  // shown (panes are one at a time), so the editor is never overwritten from props: doing so
  // raced fast typing (a render with the previous keystroke's text undid the next one).
  const shown = useRef(open);
  useEffect(() => {
    if (shown.current !== open) view.current!.setState(editorState(files[open] ?? '', proxy));
    shown.current = open;
  }, [open]);
  const issues = compiled.ok ? [] : compiled.errors;
  useEffect(() => {
    showIssues(
      view.current!,
      issues.filter((i) => i.file === open),
      compiled.warnings.filter((i) => i.file === open),
    );
  }, [compiled, open]);

  const jump = (i: AuthoringIssue) => {
    setOpen(i.file);
    requestAnimationFrame(() => {
      const v = view.current!;
      const line = v.state.doc.line(Math.min(Math.max(i.line, 1), v.state.doc.lines));
      v.dispatch({ selection: EditorSelection.cursor(line.from), scrollIntoView: true });
      v.focus();
    });
  };
  const count = (file: string) => issues.filter((i) => i.file === file).length;
  return (
    <div class="studio-edit">
      <nav class="studio-files" aria-label={t('studio.files')}>
        <ul>
          {names.map((n) => (
            <li key={n}>
              <button type="button" aria-current={n === open ? 'true' : undefined} data-testid={`studio-file-${n}`} onClick={() => setOpen(n)}>
                {n}
                {count(n) > 0 && <span class="studio-badge">{count(n)}</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div class="studio-editor-col">
        <div class="studio-editor" ref={host} data-testid="studio-editor" data-file={open} />
        <ul class="studio-issues" data-testid="studio-issues">
          {[...issues, ...compiled.warnings].map((i, n) => (
            <li key={n}>
              <button type="button" class="studio-issue" onClick={() => jump(i)}>
                {i.file}:{i.line}: {i.message}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
