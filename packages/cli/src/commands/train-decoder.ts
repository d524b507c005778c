import type { CAC } from 'cac';
import path from 'node:path';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator } from '@ganseg/stylegan';
import { hashGenerator, saveDecoder, trainDecoder } from '@ganseg/decoder';
import { progressLine } from '../progress-line.js';

interface TrainDecoderCliOptions {
  generator?: string;
  out?: string;
  epochs?: number;
  arch: 'conv' | 'mlp';
  ensemble?: number;
  optimizer?: 'sgd' | 'adam';
  lr?: number;
  batch?: number;
  workers?: number;
  seed: number;
}

/** `ganseg train-decoder <ws>`: the light decoder from a handful of annotated generated images. */
export function registerTrainDecoder(cli: CAC): void {
  cli
    .command('train-decoder <workspace>', "Train the decoder on an annotated workspace's masks and the generator's features")
    .option('--generator <dir>', 'Generator folder the workspace was sampled with')
    .option('-o, --out <dir>', 'Decoder folder')
    .option('--epochs <n>', 'Epochs (default 24 conv, 8 mlp)')
    .option('--arch <arch>', "'conv' (the paper's decoder) or 'mlp' (per-pixel ensemble)", { default: 'conv' })
    .option('--ensemble <k>', 'Ensemble members (default 1 conv, 3 mlp)')
    .option('--optimizer <name>', "'sgd' (the paper: momentum 0.9, lr 0.01, wd 1e-3) or 'adam'")
    .option('--lr <lr>', 'Learning rate')
    .option('--batch <n>', "conv: images a step, each with its own BN statistics (default 2; 1 is the paper's schedule)")
    .option('--workers <n>', 'conv: worker threads sharing a step (default 1 on the native oneDNN path, else min(batch, cores))')
    .option('--seed <s>', 'Seed of init, order, dropout and flips', { default: 0 })
    .action(async (ws: string, opts: TrainDecoderCliOptions) => {
      if (!opts.generator || !opts.out) throw new Error('train-decoder needs --generator <dir> and -o <dir>.');
      await initBackend();
      const gen = await loadGenerator(opts.generator);
      const line = progressLine('train-decoder');
      try {
        const { decoder, log } = await trainDecoder({
          generator: gen,
          workspace: ws,
          arch: opts.arch,
          epochs: opts.epochs === undefined ? undefined : Number(opts.epochs),
          ensemble: opts.ensemble === undefined ? undefined : Number(opts.ensemble),
          optimizer: opts.optimizer,
          lr: opts.lr === undefined ? undefined : Number(opts.lr),
          batchSize: opts.batch === undefined ? undefined : Number(opts.batch),
          workers: opts.workers === undefined ? undefined : Number(opts.workers),
          seed: Number(opts.seed),
          onProgress: (p) => {
            if (p.phase === 'train') {
              const done = (p.member * p.epochs + p.epoch - 1) * p.steps + p.step;
              line.update(done, p.members * p.epochs * p.steps, `member ${p.member + 1}/${p.members} epoch ${p.epoch}/${p.epochs} loss ${p.loss.toFixed(4)} acc ${p.pixelAccuracy.toFixed(3)}`);
            }
          },
          onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
        });
        line.done();
        await saveDecoder(decoder, opts.out, { trainLog: log, generatorHash: hashGenerator(gen) });
        decoder.dispose();
        const last = log.epochs.at(-1);
        process.stdout.write(`trained on ${log.samples.length} samples (${log.skipped.length} unannotated skipped) in ${(log.seconds.features + log.seconds.train).toFixed(1)} s; last epoch loss ${last?.loss.toFixed(4)}, pixel accuracy ${last?.pixelAccuracy.toFixed(3)}; wrote ${path.join(opts.out, 'model.json')} and train-log.json\n`);
      } finally {
        gen.dispose();
      }
    });
}
