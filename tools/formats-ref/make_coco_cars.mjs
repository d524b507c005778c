// A small COCO set of JPEG photos for the end-to-end check of `ganseg dataset import`: street
// scenes rendered by @ganseg/dataset-cars (the held-out `test` seed range, never used for any
// training), every other one at 64x64 and at 80x80, saved as JPEG (quality 90, jpeg-js), with one
// `car` annotation an image: the renderer's exact car mask as a compressed RLE (pycocotools'
// string coding, written here independently of @ganseg/formats' decoder).
//
// Build the renderer first (`npx pnpm turbo run build --filter=@ganseg/dataset-cars`), then:
//   node tools/formats-ref/make_coco_cars.mjs <out dir> [n = 100]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { renderScene, CAR_SEED_RANGES } = await import(path.join(root, 'datasets/cars/dist/mod.js'));
const jpeg = createRequire(path.join(root, 'packages/io/package.json'))('jpeg-js');

const out = process.argv[2];
const n = Number(process.argv[3] ?? 100);
if (!out) throw new Error('usage: node tools/formats-ref/make_coco_cars.mjs <out dir> [n]');

/** Column-major runs of a 0/1 mask (starting with zeros), then pycocotools' rleToString. */
function rle(mask, w, h) {
  const counts = [];
  let cur = 0;
  let run = 0;
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      const v = mask[y * w + x];
      if (v !== cur) {
        counts.push(run);
        run = 0;
        cur = v;
      }
      run++;
    }
  }
  counts.push(run);
  let s = '';
  counts.forEach((c, i) => {
    let x = i > 2 ? c - counts[i - 2] : c;
    for (let more = true; more; ) {
      let ch = x & 0x1f;
      x >>= 5; // arithmetic shift, as the C code's long
      more = ch & 0x10 ? x !== -1 : x !== 0;
      if (more) ch |= 0x20;
      s += String.fromCharCode(ch + 48);
    }
  });
  return s;
}

mkdirSync(path.join(out, 'images'), { recursive: true });
const images = [];
const annotations = [];
let carPixels = 0;
let allPixels = 0;
for (let k = 0; k < n; k++) {
  const seed = CAR_SEED_RANGES.test.start + k;
  const size = k % 2 === 0 ? 64 : 80;
  const s = renderScene(seed, { size, variant: 'binary' });
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    rgba.set(s.image.subarray(3 * i, 3 * i + 3), 4 * i);
    rgba[4 * i + 3] = 255;
  }
  const name = `scene-${seed}.jpg`;
  writeFileSync(path.join(out, 'images', name), jpeg.encode({ data: rgba, width: size, height: size }, 90).data);
  const car = s.mask.map((v) => (v === 1 ? 1 : 0));
  carPixels += car.reduce((a, b) => a + b, 0);
  allPixels += size * size;
  images.push({ id: k + 1, file_name: name, width: size, height: size });
  annotations.push({ id: k + 1, image_id: k + 1, category_id: 3, iscrowd: 0, segmentation: { counts: rle(car, size, size), size: [size, size] } });
}
const categories = [{ id: 3, name: 'car', supercategory: 'vehicle' }];
writeFileSync(path.join(out, 'instances.json'), JSON.stringify({ info: { description: 'ganseg cars, rendered' }, images, annotations, categories }));
console.log(`wrote ${n} JPEG photos (64x64 and 80x80) and instances.json to ${out}; car pixels ${((100 * carPixels) / allPixels).toFixed(1)}%`);
