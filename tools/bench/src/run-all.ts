/**
 * Runs every benchmark in this folder, one after the other, each printing JSON lines.
 * Each benchmark is a module `*.bench.js` exporting `run(): Promise<void>`.
 * `GANSEG_BENCH=name1,name2` runs only those.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = (process.env.GANSEG_BENCH ?? '').split(',').filter(Boolean);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort();
for (const f of files) {
  const name = f.replace(/\.bench\.js$/, '');
  if (only.length && !only.includes(name)) continue;
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run: () => Promise<void> };
  await mod.run();
}
