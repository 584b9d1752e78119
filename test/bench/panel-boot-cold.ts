/**
 * Cold panel boots the way `npm run bench` gets them (browser-figures.ts, coldPanelBoots): in
 * one warm browser, Cuecard is switched off and on (switch.ts), which ends its process; the first
 * panel after that boots in a fresh extension process while its service worker starts too. Counts
 * the boots whose panel frame reported a long task (> 50 ms), without the minutes of page loads
 * around them in the full bench. Give two builds to alternate them boot by boot (same machine
 * load for both: a before/after comparison):
 *   npm run build:demo && npx jiti test/bench/panel-boot-cold.ts [--runs=24] [--extension=DIR]…
 */
import { cpus, loadavg } from 'node:os';
import { basename } from 'node:path';
import { demoServer, EXTENSION_PATH } from '../e2e/harness';
import { launchPair, snapshotBuild, type Pair } from './browsers';
import { loadOnce, type LoadSample } from './page-load';
import { alternate, median, round } from './stats';

/** Off, then on: the switch ends Cuecard's process, and onFirstPanel measures the next panel. */
async function coldBoot(pair: Pair): Promise<void> {
  await pair.without.activate();
  await pair.with.activate();
}

export async function benchColdBoots(argv: string[]): Promise<void> {
  const runs = Number(argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 24);
  const builds = argv.filter((a) => a.startsWith('--extension=')).map((a) => a.slice(12));
  if (!builds.length) builds.push(EXTENSION_PATH);
  const server = await demoServer();
  const url = `${server.url}/index.html`;
  const load0 = loadavg()[0]!;
  const samples = new Map<string, LoadSample[]>(builds.map((b) => [b, []]));
  const pairs = new Map<string, { pair: Pair; remove(): void }>();
  try {
    for (const b of builds) {
      const snap = snapshotBuild(b);
      const pair = await launchPair(snap.dir);
      pair.onFirstPanel(async () => {
        const s = await loadOnce(pair.with, url, { activate: false });
        samples.get(b)!.push(s);
        console.log(
          `${basename(b)} boot ${samples.get(b)!.length}: long tasks ${JSON.stringify(s.panelLongTasks.map((t) => round(t.duration)))}, ready ${round(s.panelReadyMs ?? NaN)} ms`,
        );
      });
      pairs.set(b, { pair, remove: snap.remove });
    }
    for (let i = 0; i < runs; i++) {
      const order = builds.length === 2 ? alternate(i, builds[0]!, builds[1]!) : builds;
      for (const b of order) await coldBoot(pairs.get(b)!.pair);
    }
  } finally {
    for (const { pair, remove } of pairs.values()) {
      await pair.close();
      remove();
    }
    await server.close();
  }
  console.log(
    `\nindex.html, cold boots (Cuecard switched off and on); load average ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`,
  );
  for (const [b, s] of samples) {
    const withTask = s.filter((x) => x.panelLongTasks.length > 0).length;
    const tasks = s.flatMap((x) => x.panelLongTasks.map((t) => t.duration));
    console.log(
      `${b}: coldPanelBootsWithLongTask ${withTask} / coldPanelBoots ${s.length} (${round((100 * withTask) / Math.max(1, s.length), 1)} %)` +
        `${tasks.length ? `, longest ${round(Math.max(...tasks))} ms` : ''}; panel ready median ${round(median(s.map((x) => x.panelReadyMs ?? NaN)))} ms`,
    );
  }
}

if (process.argv[1]?.endsWith('panel-boot-cold.ts')) await benchColdBoots(process.argv.slice(2));
