#!/usr/bin/env node
// Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL cluster, so the
// hub's store tests run against PostgreSQL as well as PGlite. Used by `npm run test:unit`:
// - TEST_DATABASE_URL already set (CI sets it from test/hub/pg-start.sh): used as it is;
// - PostgreSQL installed here (pg_createcluster on PATH): a cluster is started for the run;
// - otherwise the command runs without it and those tests say they were skipped.
// It never installs anything: .ci/run does that on a fresh machine.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [cmd, ...args] = process.argv.slice(2);
const env = { ...process.env };
if (!env.TEST_DATABASE_URL) {
  const installed = spawnSync('sh', ['-c', 'command -v pg_createcluster'], { stdio: 'ignore' }).status === 0;
  if (installed) {
    const script = fileURLToPath(new URL('./pg-start.sh', import.meta.url));
    const started = spawnSync('sh', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const url = started.stdout.trim();
    if (started.status === 0 && url.startsWith('postgres://')) env.TEST_DATABASE_URL = url;
    else console.error('with-postgres: could not start PostgreSQL; the hub store tests run on PGlite only.');
  } else {
    console.error('with-postgres: PostgreSQL is not installed (apt-get install postgresql); the hub store tests run on PGlite only.');
  }
}
const run = spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });
process.exit(run.status ?? 1);
