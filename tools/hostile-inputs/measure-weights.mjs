// One read of a weights file in this process, with the built @ganseg/checkpoint-readers (`.pth`)
// or @ganseg/stylegan-gluon-converter (StyleGAN pickles and `.params`):
//   for f in packages/checkpoint-readers/fixtures/hostile/*; do node tools/hostile-inputs/measure-weights.mjs $f; done
// Prints the time of the read, the peak RSS before and after it, and what came out.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const f = process.argv[2];
const pkg = f.endsWith('.pth') ? 'checkpoint-readers' : 'stylegan-gluon-converter';
const m = await import(path.join(root, 'packages', pkg, 'dist', 'mod.js'));
const rss0 = process.resourceUsage().maxRSS / 1024;
const t0 = performance.now();
let out = 'read';
try {
  if (f.endsWith('.pth')) await m.readTorchCheckpoint(f);
  else await m.readStyleGANCheckpoint(f);
} catch (e) {
  out = `${e.constructor.name}(${e.kind}): ${e.message.slice(f.length + 2, f.length + 90)}`;
}
console.log(JSON.stringify({ file: path.basename(f), ms: +(performance.now() - t0).toFixed(1), baseRssMB: Math.round(rss0), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), out }));
