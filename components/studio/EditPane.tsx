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
import { useLastPack } from './use-last-pack';

export function fileOrder(names: string[]): string[] {
  const procs = procedureFiles(names);
  const rest = names.filter((n) => n !== PACK_FILE && !procs.includes(n)).sort();
  return [...names.filter((n) => n === PACK_FILE), ...procs, ...rest];
}

export function EditPane({ files, compiled, setFile, lang }: StudioPaneProps) {
  const t = studioT(lang);
  const names = fileOrder(Object.keys(files));
  const [open, setOpen] = useState(() => names.find((n) => n !== PACK_FILE && n.endsWith('.md')) ?? names[0] ?? PACK_FILE);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>();
  const pack = useLastPack(compiled);
  const hooks = useRef({ onChange: (text: string) => setFile(open, text), words: () => completionWords(pack) });
  hooks.current.onChange = (text) => setFile(open, text);
  hooks.current.words = () => completionWords(pack);
  const proxy = { onChange: (s: string) => hooks.current.onChange(s), words: () => hooks.current.words() };

  useEffect(() => {
    view.current = new EditorView({ state: editorState(files[open] ?? '', proxy), parent: host.current! });
    return () => view.current?.destroy();
  }, []);
  // Another file opened, or the text changed elsewhere (the Form pane): show it.
  const shown = useRef(open);
  useEffect(() => {
    const v = view.current!;
    const text = files[open] ?? '';
    if (shown.current !== open) v.setState(editorState(text, proxy));
    else if (v.state.doc.toString() !== text) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
    shown.current = open;
  }, [open, files[open]]);
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
