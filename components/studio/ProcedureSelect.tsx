/** The procedure chooser the Form and Map panes share: "title (file)" per procedure file. */
export function ProcedureSelect(props: {
  label: string;
  value: string;
  procs: ReadonlyArray<{ file: string; title: string }>;
  onChange(file: string): void;
  testId?: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <select data-testid={props.testId} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        {props.procs.map((p) => (
          <option key={p.file} value={p.file}>
            {p.title} ({p.file})
          </option>
        ))}
      </select>
    </label>
  );
}
