// Types for demo-server.mjs, so TypeScript tests (e2e, benchmarks) can import it.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface DemoServerOptions {
  port?: number;
  host?: string;
  /** Folder to serve; defaults to test/fixtures/crm. */
  root?: string;
  /** Runs before the static files; return true when it answered the request. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}
export interface DemoServer {
  /** Origin, without a trailing slash: `${url}/index.html`. */
  url: string;
  port: number;
  close(): Promise<void>;
}
export const FIXTURE_ROOT: string;
export function startDemoServer(options?: DemoServerOptions): Promise<DemoServer>;
export function contentType(path: string): string;
export function resolveFixturePath(root: string, urlPath: string): string | null;
