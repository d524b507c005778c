// The `train-teacher` task: the teacher that stands in for a person annotating generated images in
// the non-interactive demo (as the paper used a network trained on ADE20K for LSUN bedrooms): a
// DeepLabV3+ trained on rendered teacherTrain images WITH their exact masks (teacher.json), then
// evaluated on the held-out test range and written to weights/teacher/ (resumable: run it again);
// `--layout car-centric` trains on car-centric renders and writes weights/teacher-car-centric/;
// `--variant multi` the multi-class teacher (weights/teacher[-car-centric]-multi/).
// Usage: node dist/_main-train-teacher.js [--layout street|car-centric] [--variant binary|multi]
//                                         [--epochs N] [--images N]
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@ganseg/runtime';
import { saveDeepLab, trainDeepLab } from '@ganseg/deeplab';
import { evaluateDeepLab } from '@ganseg/experiment';
import { carSeeds } from './seed-ranges.js';
import { writeRealDataset } from './write-real-dataset.js';
import type { CarVariant } from './car-classes.js';
import type { SceneLayout } from './render-scene.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const teacherJson = JSON.parse(readFileSync(path.join(root, 'teacher.json'), 'utf8')) as Record<string, unknown>;
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const layout = (arg('--layout') ?? 'street') as SceneLayout;
if (layout !== 'street' && layout !== 'car-centric') throw new RangeError(`--layout ${layout}: expected street or car-centric.`);
// teacher.json's settings, with its `carCentric` overrides for the car-centric layout
const t = { ...teacherJson, ...(layout === 'car-centric' ? (teacherJson.carCentric as object) : {}) } as Record<string, number | string | number[]>;
const images = Number(arg('--images') ?? t.images);
const epochs = Number(arg('--epochs') ?? t.epochs);
const variant = (arg('--variant') ?? t.variant) as CarVariant;
if (variant !== 'binary' && variant !== 'multi') throw new RangeError(`--variant ${variant}: expected binary or multi.`);
const name = `teacher${layout === 'street' ? '' : '-car-centric'}${variant === 'multi' ? '-multi' : ''}`;
const work = path.join(root, '.work', name);
const info = await initBackend();
console.log(`backend ${info.backend}; layout ${layout}; variant ${variant}; teacher: ${t.backbone} x ${t.width} (output stride ${t.outputStride ?? 16}), ${images} rendered images, ${epochs} epochs`);
const data = path.join(work, 'data');
await writeRealDataset(data, { seeds: carSeeds('teacherTrain', images), size: Number(t.size), variant, layout });
const t0 = Date.now();
let last = 0;
const r = await trainDeepLab({
  dataset: data,
  out: path.join(work, 'model'),
  backbone: t.backbone as 'resnet18',
  width: Number(t.width),
  outputStride: Number(t.outputStride ?? 16) as 8 | 16,
  epochs,
  batch: Number(t.batch),
  crop: Number(t.crop),
  lr: Number(t.lr),
  wd: Number(t.wd),
  ...(Array.isArray(t.scale) ? { scale: [t.scale[0], t.scale[1]] as [number, number] } : {}),
  seed: Number(t.seed),
  resume: true,
  onProgress: (p) => {
    if (p.phase === 'epoch' || Date.now() - last > 15000) {
      last = Date.now();
      console.log(`epoch ${p.epoch}/${p.epochs} step ${p.step}/${p.steps} loss ${p.loss.toFixed(4)} ${p.imagesPerSecond.toFixed(1)} img/s`);
    }
  },
});
const testDir = path.join(work, 'test');
await writeRealDataset(testDir, { seeds: carSeeds('test', 100), size: Number(t.size), variant, layout });
const { metrics: m } = await evaluateDeepLab(r.model, testDir);
console.log(`teacher on the held-out test range: pixel accuracy ${m.pixelAccuracy?.toFixed(4)}, mIoU ${m.meanIoU?.toFixed(4)}`);
const dest = path.join(root, 'weights', name);
await fs.rm(`${dest}.tmp`, { recursive: true, force: true });
await saveDeepLab(r.model, `${dest}.tmp`, { trainedOn: `${images} rendered teacherTrain images (${layout})`, epochs, testMetrics: m });
await fs.rm(dest, { recursive: true, force: true });
await fs.rename(`${dest}.tmp`, dest);
r.model.dispose();
console.log(`teacher -> ${dest} in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
