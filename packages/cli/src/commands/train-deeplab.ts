import type { CAC } from 'cac';
import { initBackend } from '@ganseg/runtime';
import { trainDeepLab, type Backbone } from '@ganseg/deeplab';
import { progressLine } from '../progress-line.js';

interface TrainDeepLabCliOptions {
  out?: string;
  backbone: string;
  width: number;
  outputStride: number;
  pretrained?: string;
  allowNonFinite?: boolean;
  epochs: number;
  batch: number;
  crop?: number;
  lr: number;
  wd: number;
  seed: number;
  resume?: boolean;
  workers: number;
  checkpointSeconds: number;
}

/** `ganseg train-deeplab <dataset> -o <dir>`: DeepLabV3+ on a dataset folder (real or synthetic), with checkpoints and resume. */
export function registerTrainDeepLab(cli: CAC): void {
  cli
    .command('train-deeplab <dataset>', 'Train DeepLabV3+ on a dataset folder (images/, masks/, dataset.json; real or synthetic)')
    .option('-o, --out <dir>', 'Output folder (model.json + weights.bin, checkpoints/)')
    .option('--backbone <name>', 'resnet18 | resnet34 | resnet50 | resnet101', { default: 'resnet50' })
    .option('--width <w>', 'Channel multiplier (1 = published widths)', { default: 1 })
    .option('--output-stride <s>', '16 or 8', { default: 16 })
    .option('--pretrained <file>', 'torchvision ResNet .pth for the backbone')
    .option('--allow-non-finite', 'Read a --pretrained file holding NaN/Inf weights (refused by default)')
    .option('--epochs <n>', 'Epochs', { default: 30 })
    .option('--batch <n>', 'Images a step', { default: 8 })
    .option('--crop <px>', 'Square crop side; default min(256, smallest image side)')
    .option('--lr <lr>', 'Base learning rate (poly schedule, power 0.9)', { default: 0.01 })
    .option('--wd <wd>', 'Weight decay', { default: 1e-4 })
    .option('--seed <s>', 'Seed of initialisation, order and augmentation', { default: 0 })
    .option('--resume', 'Continue the run in the output folder from its last checkpoint')
    .option('--checkpoint-seconds <s>', 'Seconds between checkpoints (written at epoch ends, and after the last epoch); 0 = every epoch', { default: 60 })
    .option('--workers <n>', 'Worker threads for data-parallel steps (one wasm backend each; the batch is split)', { default: 1 })
    .action(async (dataset: string, opts: TrainDeepLabCliOptions) => {
      if (!opts.out) throw new Error('train-deeplab needs -o <dir>.');
      const info = await initBackend();
      const line = progressLine('train-deeplab');
      const t0 = Date.now();
      const r = await trainDeepLab({
        dataset,
        out: opts.out,
        backbone: opts.backbone as Backbone,
        width: Number(opts.width),
        outputStride: Number(opts.outputStride) as 8 | 16,
        pretrained: opts.pretrained,
        allowNonFinite: opts.allowNonFinite === true,
        epochs: Number(opts.epochs),
        batch: Number(opts.batch),
        crop: opts.crop === undefined ? undefined : Number(opts.crop),
        lr: Number(opts.lr),
        wd: Number(opts.wd),
        seed: Number(opts.seed),
        resume: Boolean(opts.resume),
        workers: Number(opts.workers),
        checkpointSeconds: Number(opts.checkpointSeconds),
        onProgress: (p) => {
          if (p.phase === 'step') {
            line.update(p.iteration, p.iterations, `epoch ${p.epoch}/${p.epochs} loss ${p.loss.toFixed(4)} lr ${p.lr.toExponential(2)} ${p.imagesPerSecond.toFixed(1)} img/s`);
          } else {
            line.done();
            process.stdout.write(`epoch ${p.epoch}/${p.epochs}  loss ${p.loss.toFixed(4)}  ${p.imagesPerSecond.toFixed(1)} img/s  (${info.backend})\n`);
          }
        },
      });
      line.done();
      r.model.dispose();
      process.stdout.write(`trained ${r.epoch} epochs in ${((Date.now() - t0) / 1000).toFixed(1)} s; model in ${opts.out}/model.json\n`);
    });
}
