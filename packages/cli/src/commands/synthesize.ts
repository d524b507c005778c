import type { CAC } from 'cac';
import { initBackend } from '@ganseg/runtime';
import { parseShard, synthesizeDataset } from '@ganseg/synth-writer';
import { progressLine } from '../progress-line.js';

interface SynthesizeCliOptions {
  generator?: string;
  decoder?: string;
  n: number;
  out?: string;
  seedStart: number;
  shard?: string;
  workers: number;
  truncation: number;
  dropUncertain: number;
}

/** `ganseg synthesize`: thousands of image + mask pairs from a generator and a decoder. */
export function registerSynthesize(cli: CAC): void {
  cli
    .command('synthesize', 'Write image + mask pairs from a generator and a trained decoder (deterministic, resumable, sharded)')
    .option('--generator <dir>', 'Generator folder')
    .option('--decoder <dir>', 'Decoder folder (train-decoder output)')
    .option('-n <count>', 'Seeds in the whole job', { default: 10000 })
    .option('-o, --out <dir>', 'Dataset folder')
    .option('--seed-start <s>', 'First seed', { default: 0 })
    .option('--shard <k/n>', 'Write only the seeds congruent to k mod n')
    .option('--workers <w>', 'Worker threads (one backend each)', { default: 1 })
    .option('--truncation <psi>', 'Truncation psi', { default: 0.7 })
    .option('--drop-uncertain <f>', 'Drop the most uncertain fraction of the samples', { default: 0 })
    .action(async (opts: SynthesizeCliOptions) => {
      if (!opts.generator || !opts.decoder || !opts.out) throw new Error('synthesize needs --generator <dir>, --decoder <dir> and -o <dir>.');
      await initBackend();
      const shard = opts.shard ? parseShard(String(opts.shard)) : undefined;
      const line = progressLine('synthesize');
      const s = await synthesizeDataset({
        generator: opts.generator,
        decoder: opts.decoder,
        out: opts.out,
        n: Number(opts.n),
        seedStart: Number(opts.seedStart),
        shard,
        workers: Number(opts.workers),
        truncation: Number(opts.truncation),
        dropUncertain: Number(opts.dropUncertain),
        options: { command: process.argv.slice(2).join(' ') },
        onProgress: (p) => line.update(p.done, p.total, `${p.rate.toFixed(1)} pairs/s`),
      });
      line.done();
      process.stdout.write(`written ${s.written}, skipped ${s.skipped} (already there), kept ${s.kept}, dropped ${s.dropped}, ${s.seconds.toFixed(1)} s\n`);
    });
}
