import type { CAC } from 'cac';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { atomicWriteFile, encodePng } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import { imageToBytes, loadGenerator } from '@ganseg/stylegan';
import { loadDecoder, predictMask } from '@ganseg/decoder';
import { embedImage, psnr, readPhoto, Vgg16Features } from '@ganseg/embed';
import { readTorchCheckpoint } from '@ganseg/checkpoint-readers';
import { plotCurveSvg } from '@ganseg/metrics';
import { colorizeMask } from '@ganseg/experiment';
import { progressLine } from '../progress-line.js';

interface EmbedCliOptions {
  generator?: string;
  decoder?: string;
  out?: string;
  steps: number;
  lr: number;
  noise?: boolean;
  vgg?: string;
}

function _png(rgb: Uint8Array, size: number, grey = false): Buffer {
  return encodePng({ data: rgb, width: size, height: size, channels: grey ? 1 : 3 });
}

/** `ganseg embed <photo> --generator <dir> --decoder <dir> -o <dir>`: segment a real photo through W+. */
export function registerEmbed(cli: CAC): void {
  cli
    .command('embed <photo>', 'Segment a real photo: embed it into the generator (W+ optimisation) and decode its mask')
    .option('--generator <dir>', 'Generator folder')
    .option('--decoder <dir>', 'Decoder folder')
    .option('-o, --out <dir>', 'Output folder')
    .option('--steps <n>', 'Optimisation steps', { default: 1000 })
    .option('--lr <lr>', "Adam's base learning rate", { default: 0.01 })
    .option('--noise', 'Also optimise the noise maps')
    .option('--vgg <file>', "torchvision vgg16 .pth for Image2StyleGAN's perceptual loss (else MSE + image gradients)")
    .action(async (photo: string, opts: EmbedCliOptions) => {
      if (!opts.generator || !opts.decoder || !opts.out) throw new Error('embed needs --generator <dir>, --decoder <dir> and -o <dir>.');
      await initBackend();
      const gen = await loadGenerator(opts.generator);
      const dec = await loadDecoder(opts.decoder);
      const R = gen.config.resolution;
      const p = await readPhoto(photo, R);
      for (const n of p.notes) process.stderr.write(`note: ${n}\n`);
      const vgg = opts.vgg ? Vgg16Features.fromTorch(await readTorchCheckpoint(opts.vgg), opts.vgg) : null;
      const target = tf.tidy(() => tf.sub(tf.div(tf.tensor4d(p.rgb, [1, R, R, 3], 'float32'), 127.5), 1) as tf.Tensor4D);
      const line = progressLine('embed');
      const r = await embedImage({
        generator: gen,
        target,
        steps: Number(opts.steps),
        lr: Number(opts.lr),
        optimizeNoise: Boolean(opts.noise),
        vgg,
        capture: dec.spec.layers,
        onProgress: (s) => line.update(s.step, s.steps, `loss ${s.loss.toFixed(4)} mse ${s.mse.toFixed(4)}`),
      });
      line.done();
      process.stderr.write(`loss: ${r.lossKind}${opts.vgg ? '' : ' (no --vgg weights given)'}\n`);
      const [m] = predictMask(dec, r.activations);
      const reconRgb = imageToBytes(r.image);
      const quality = psnr(r.image, target);
      const wplus = Array.from(r.wplus.dataSync());
      tf.dispose([target, r.image, r.wplus, ...Object.values(r.activations), ...(r.noise ?? [])]);
      vgg?.dispose();
      let mask = m.mask;
      if (m.width !== R) {
        mask = new Uint8Array(R * R);
        for (let y = 0; y < R; y++) for (let x = 0; x < R; x++) mask[y * R + x] = m.mask[Math.floor((y * m.height) / R) * m.width + Math.floor((x * m.width) / R)];
      }
      await fs.mkdir(opts.out, { recursive: true });
      const base = path.basename(photo).replace(/\.[^.]+$/, '');
      const write = (name: string, data: Buffer | string) => atomicWriteFile(path.join(opts.out!, name), data);
      await write(`${base}-input.png`, _png(p.rgb, R));
      await write(`${base}-reconstruction.png`, _png(reconRgb, R));
      await write(`${base}-mask.png`, _png(mask, R, true));
      await write(`${base}-overlay.png`, _png(colorizeMask(mask, dec.classes as never, p.rgb, 0.5), R));
      await write(`${base}-latent.json`, JSON.stringify({ photo: path.resolve(photo), resolution: R, numLayers: gen.numLayers, dlatentSize: gen.config.dlatentSize, lossKind: r.lossKind, psnr: quality, notes: p.notes, wplus }) + '\n');
      await write(`${base}-loss.json`, JSON.stringify({ lossKind: r.lossKind, losses: r.losses }) + '\n');
      await write(`${base}-loss.svg`, plotCurveSvg([{ name: r.lossKind, points: r.losses.map((y, i) => ({ x: i + 1, y })) }], { title: `W+ embedding of ${path.basename(photo)}`, xLabel: 'step', yLabel: 'loss' }));
      process.stdout.write(`reconstruction PSNR ${quality.toFixed(2)} dB; wrote ${base}-{input,reconstruction,mask,overlay}.png, -latent.json, -loss.{json,svg} in ${opts.out}\n`);
      gen.dispose();
      dec.dispose();
    });
}
