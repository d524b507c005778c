import type { CAC } from 'cac';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { encodePng } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import { defaultCutoff, imageToBytes, latentFromSeed, loadGenerator } from '@ganseg/stylegan';
import { loadDecoder, predictMask, regenerateFeatures } from '@ganseg/decoder';
import type { SampleMeta } from '@ganseg/formats';
import { colorizeMask } from '../report/colorize-mask.js';
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
      const H = R - (gen.config.crop?.top ?? 0) - (gen.config.crop?.bottom ?? 0); // rows of a cropped generator's images
      try {
        for (const seed of parseSeeds(String(opts.seeds))) {
          const meta: SampleMeta = { format: 'ganseg-sample', version: 1, id: String(seed), seed, z: Array.from(latentFromSeed(seed, gen.config.latentSize)), truncation: Number(opts.truncation), cutoff: defaultCutoff(gen.config), noiseSeed: seed, generator: '', width: R, height: H };
          const f = regenerateFeatures(gen, meta, dec.spec);
          const rgb = imageToBytes(f.image);
          const [p] = predictMask(dec, f.maps);
          tf.dispose([f.image, ...f.maps]);
          let mask = p.mask;
          if (p.width !== R || p.height !== H) {
            mask = new Uint8Array(H * R);
            for (let y = 0; y < H; y++) for (let x = 0; x < R; x++) mask[y * R + x] = p.mask[Math.floor((y * p.height) / H) * p.width + Math.floor((x * p.width) / R)];
          }
          const id = `seed${String(seed).padStart(4, '0')}`;
          await fs.writeFile(path.join(opts.out, `${id}.png`), _png(rgb, R, H, false));
          await fs.writeFile(path.join(opts.out, `${id}-mask.png`), _png(mask, R, H, true));
          await fs.writeFile(path.join(opts.out, `${id}-overlay.png`), _png(colorizeMask(mask, dec.classes, rgb, 0.5), R, H, false));
        }
        process.stdout.write(`wrote image, mask and overlay for seeds ${opts.seeds} to ${opts.out}\n`);
      } finally {
        gen.dispose();
        dec.dispose();
      }
    });
}
