// Writes preview/grid-<variant>.png: 64 scenes with their multi-class masks and preview/grid-binary.png (16 scenes) (`pnpm --filter @ganseg/dataset-cars preview`).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atomicWriteFile } from '@ganseg/io';
import { renderPreviewGrid } from './render-preview-grid.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const variant of ['multi', 'binary'] as const) {
  const seeds = Array.from({ length: variant === 'multi' ? 64 : 16 }, (_, i) => i);
  const file = path.join(root, 'preview', `grid-${variant}.png`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await atomicWriteFile(file, renderPreviewGrid(seeds, { variant }));
  console.log(`wrote ${file}`);
}
