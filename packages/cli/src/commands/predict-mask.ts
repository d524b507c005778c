import type { CAC } from 'cac';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encodePng } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator } from '@ganseg/stylegan';
import { loadDecoder, renderSample, sampleMetaFromSeed } from '@ganseg/decoder';
import { colorizeMask } from '@ganseg/experiment';
import { parseSeeds } from '../parse-seeds.js';

function _png(data: Uint8Array, w: number, h: number, grey: boolean): Buffer {
  return encodePng({ data, width: w, height: h, channels: grey ? 1 : 3 });
}

/** `ganseg predict-mask`: image, mask and overlay for generated seeds. */
export function registerPredictMask(cli: CAC): void {
  cli
    .command('predict-mask', 'Generate images from seeds and write their decoded masks and overlays')
    .option('--generator <dir>', 'Generator folder')
    .option('--decoder <dir>', 'Decoder folder')
    .option('--seeds <list>', 'Seeds, such as 100-107 or 1,5,9', { default: '0-7' })
    .option('--truncation <psi>', 'Truncation psi', { default: 0.7 })
    .option('-o, --out <dir>', 'Output folder')
    .action(async (opts: { generator?: string; decoder?: string; seeds: string; truncation: number; out?: string }) => {
      if (!opts.generator || !opts.decoder || !opts.out) throw new Error('predict-mask needs --generator <dir>, --decoder <dir> and -o <dir>.');
      await initBackend();
      const gen = await loadGenerator(opts.generator);
      const dec = await loadDecoder(opts.decoder);
      await fs.mkdir(opts.out, { recursive: true });
      const R = gen.config.resolution;
      try {
        for (const seed of parseSeeds(String(opts.seeds))) {
          const { image: rgb, mask } = renderSample(gen, dec, sampleMetaFromSeed(gen, seed, { truncation: Number(opts.truncation) }));
          const id = `seed${String(seed).padStart(4, '0')}`;
          await fs.writeFile(path.join(opts.out, `${id}.png`), _png(rgb, R, R, false));
          await fs.writeFile(path.join(opts.out, `${id}-mask.png`), _png(mask, R, R, true));
          await fs.writeFile(path.join(opts.out, `${id}-overlay.png`), _png(colorizeMask(mask, dec.classes, rgb, 0.5), R, R, false));
        }
        process.stdout.write(`wrote image, mask and overlay for seeds ${opts.seeds} to ${opts.out}\n`);
      } finally {
        gen.dispose();
        dec.dispose();
      }
    });
}
