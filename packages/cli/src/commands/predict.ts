import type { CAC } from 'cac';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { atomicWriteFile, decodeImage, encodePng, type DecodedImage } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import { loadDeepLab, predictDeepLab } from '@ganseg/deeplab';

interface PredictCliOptions {
  model?: string;
  out?: string;
  alpha: number;
}

/** `ganseg predict --model <dir> <images...> -o <dir>`: masks (class index PNGs) and colour overlays. */
export function registerPredict(cli: CAC): void {
  cli
    .command('predict [...images]', 'Segment images (PNG or JPEG) with a trained DeepLab: masks/<name>.png (class indices) and overlays/<name>.png')
    .option('--model <dir>', 'Model folder (train-deeplab output)')
    .option('-o, --out <dir>', 'Output folder')
    .option('--alpha <a>', 'Opacity of the class colours in the overlays', { default: 0.5 })
    .action(async (images: string[], opts: PredictCliOptions) => {
      if (!opts.model || !opts.out || images.length === 0) throw new Error('predict needs --model <dir>, -o <dir> and at least one image.');
      await initBackend();
      const { model } = await loadDeepLab(opts.model);
      await fs.mkdir(path.join(opts.out, 'masks'), { recursive: true });
      await fs.mkdir(path.join(opts.out, 'overlays'), { recursive: true });
      const alpha = Number(opts.alpha);
      const counts = new Array<number>(model.classes.length).fill(0);
      try {
        for (const file of images) {
          let png: DecodedImage;
          try {
            png = decodeImage(await fs.readFile(file), { channels: 3 });
          } catch (e) {
            throw new Error(`${file}: ${(e as Error).message}.`);
          }
          const { width, height, data: rgb } = png;
          const { mask } = await predictDeepLab(model, { data: rgb, width, height });
          const name = path.basename(file).replace(/\.[^.]*$/, '');
          await atomicWriteFile(path.join(opts.out, 'masks', `${name}.png`), encodePng({ data: mask, width, height, channels: 1 }));
          const overlay = new Uint8Array(width * height * 3);
          for (let i = 0; i < width * height; i++) {
            counts[mask[i]]++;
            const c = model.classes[mask[i]].color;
            for (let k = 0; k < 3; k++) overlay[i * 3 + k] = Math.round((1 - alpha) * rgb[i * 3 + k] + alpha * c[k]);
          }
          await atomicWriteFile(path.join(opts.out, 'overlays', `${name}.png`), encodePng({ data: overlay, width, height, channels: 3 }));
          process.stdout.write(`${file} -> masks/${name}.png, overlays/${name}.png\n`);
        }
      } finally {
        model.dispose();
      }
      const total = counts.reduce((a, b) => a + b, 0);
      process.stdout.write(`${images.length} images; pixels per class: ${model.classes.map((c, i) => `${c.name} ${((100 * counts[i]) / total).toFixed(1)}%`).join(', ')}\n`);
    });
}
