// Writes preview/grid-multi.png (64 street scenes with their multi-class masks),
// preview/grid-binary.png (16), and the same for the car-centric layout:
// preview/grid-car-centric-multi.png (48) and preview/grid-car-centric-binary.png (16)
// (`pnpm --filter @ganseg/dataset-cars preview`).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atomicWriteFile } from '@ganseg/io';
import { renderPreviewGrid } from './render-preview-grid.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const layout of ['street', 'car-centric'] as const) {
  for (const variant of ['multi', 'binary'] as const) {
    const n = variant === 'binary' ? 16 : layout === 'street' ? 64 : 48;
    const seeds = Array.from({ length: n }, (_, i) => i);
    const file = path.join(root, 'preview', layout === 'street' ? `grid-${variant}.png` : `grid-${layout}-${variant}.png`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await atomicWriteFile(file, renderPreviewGrid(seeds, { variant, layout, cols: layout === 'street' ? 8 : 6 }));
    console.log(`wrote ${file}`);
  }
}
