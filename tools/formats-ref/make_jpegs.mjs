// Encodes the fixture photos that make_fixtures.py wrote as `<name>.source.png` into
// `<name>.jpg` (quality 90, jpeg-js), since no JPEG encoder is installed for Debian's Python.
// Run after make_fixtures.py:  node tools/formats-ref/make_jpegs.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/formats');
const require = createRequire(path.join(root, '../io/package.json'));
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');

for (const dir of ['fixtures/coco/images', 'fixtures/voc/JPEGImages']) {
  for (const name of readdirSync(path.join(root, dir)).sort()) {
    if (!name.endsWith('.source.png')) continue;
    const png = PNG.sync.read(readFileSync(path.join(root, dir, name)));
    const out = path.join(root, dir, name.replace(/\.source\.png$/, '.jpg'));
    writeFileSync(out, jpeg.encode({ data: png.data, width: png.width, height: png.height }, 90).data);
    console.log(`wrote ${path.relative(root, out)} (${png.width}x${png.height})`);
  }
}
