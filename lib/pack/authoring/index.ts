/** The Markdown authoring format: a folder of pack.yaml + one .md per procedure. */
export { compile, procedureFiles, PACK_FILE, type CompileResult } from './compile';
export { decompile } from './decompile';
export { formatIssue, type AuthoringIssue, type SourceLocation } from './source-map';
