// The `gan-quality` task: KID of a training run's current EMA generator (results/<run>/generator,
// written with every checkpoint) against real renders, on the teacher's backbone features, beside
// the KID between two real sets and the car-pixel shares; appends one line to results/<run>/quality.jsonl.
// The teacher: weights/teacher-car-centric/ for car-centric runs where it exists, else weights/teacher/.
// Usage: node dist/_main-gan-quality.js [--layout street|car-centric] [--images N] [--out DIR] [--teacher DIR]
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { loadDeepLab } from '@ganseg/deeplab';
import { imageToBytes, latentFromSeed, loadGenerator, noiseFromSeed } from '@ganseg/stylegan';
import { measureGeneratorQuality } from './measure-generator-quality.js';
import type { SceneLayout } from './render-scene.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const layout = (arg('--layout') ?? 'car-centric') as SceneLayout;
const n = Number(arg('--images') ?? 500);
const run = path.resolve(arg('--out') ?? path.join(root, 'results', layout === 'car-centric' ? 'gan-car-centric' : 'gan'));
await initBackend();
// the trainer's checkpoint: model.json holds its meta as keys; the first format kept it under `meta` in checkpoint.json
const ckDir = path.join(run, 'checkpoint');
const ckpt = (existsSync(path.join(ckDir, 'model.json'))
  ? { meta: JSON.parse(readFileSync(path.join(ckDir, 'model.json'), 'utf8')) }
  : JSON.parse(readFileSync(path.join(ckDir, 'checkpoint.json'), 'utf8'))) as { meta?: { step?: number; batch?: number } };
const generator = await loadGenerator(path.join(run, 'generator'));
const own = path.join(root, 'weights', layout === 'car-centric' ? 'teacher-car-centric' : 'teacher');
const teacherDir = path.resolve(arg('--teacher') ?? (existsSync(path.join(own, 'model.json')) ? own : path.join(root, 'weights', 'teacher')));
const { model: teacher } = await loadDeepLab(teacherDir);
const t0 = Date.now();
const cfg = generator.config;
const images: Array<{ data: Uint8Array; width: number; height: number }> = [];
const B = 25;
for (let s = 0; s < n; s += B) {
  const k = Math.min(B, n - s);
  const z = tf.tensor2d(Float32Array.from(Array.from({ length: k }, (_, i) => Array.from(latentFromSeed(s + i, cfg.latentSize))).flat()), [k, cfg.latentSize]);
  const noise = noiseFromSeed(cfg, 1_000_000 + s, k);
  const out = generator.generate({ z, noise });
  const data = imageToBytes(out.image);
  tf.dispose([z, out.image, out.wplus, ...Object.values(out.activations), ...noise]);
  const px = cfg.resolution * cfg.resolution * 3;
  for (let i = 0; i < k; i++) images.push({ data: Uint8Array.from(data.subarray(i * px, (i + 1) * px)), width: cfg.resolution, height: cfg.resolution });
}
const q = await measureGeneratorQuality(images, teacher, { layout });
const step = ckpt.meta?.step ?? null;
const line = { step, teacher: path.relative(root, teacherDir), imagesSeen: step != null && ckpt.meta?.batch ? step * ckpt.meta.batch : null, at: new Date().toISOString(), seconds: (Date.now() - t0) / 1000, ...q };
await fs.appendFile(path.join(run, 'quality.jsonl'), `${JSON.stringify(line)}\n`);
console.log(`step ${line.step}: KID ${q.kid.toFixed(4)} +- ${q.kidStd.toFixed(4)} (real vs real ${q.realKid.toFixed(4)} +- ${q.realKidStd.toFixed(4)}); car pixels generated ${(100 * q.carShareGenerated).toFixed(1)} %, real ${(100 * q.carShareReal).toFixed(1)} % (teacher) / ${(100 * q.carShareRealTrue).toFixed(1)} % (exact)`);
generator.dispose();
teacher.dispose();
