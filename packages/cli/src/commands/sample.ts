import type { CAC } from 'cac';
import { initBackend } from '@ganseg/runtime';
import { loadGenerator } from '@ganseg/stylegan';
import { sampleWorkspace } from '@ganseg/decoder';
import { makeClasses } from '@ganseg/formats';
import { progressLine } from '../progress-line.js';

interface SampleOptions {
  generator?: string;
  n: number;
  seed: number;
  truncation: number;
  classes: string;
  out?: string;
}

/** `ganseg sample`: generated images to annotate, with what regenerates their features. */
export function registerSample(cli: CAC): void {
  cli
    .command('sample', 'Write generated images to annotate (an annotation workspace: samples/, classes.json)')
    .option('--generator <dir>', 'Generator folder')
    .option('-n <count>', 'Number of samples', { default: 20 })
    .option('--seed <s>', 'Seed of the first sample (sample i uses seed + i)', { default: 0 })
    .option('--truncation <psi>', 'Truncation psi', { default: 0.7 })
    .option('--classes <names>', 'Class names, background first, comma-separated', { default: 'background,hair' })
    .option('-o, --out <dir>', 'Workspace folder')
    .action(async (opts: SampleOptions) => {
      if (!opts.generator || !opts.out) throw new Error('sample needs --generator <dir> and -o <workspace>.');
      await initBackend();
      const gen = await loadGenerator(opts.generator);
      const line = progressLine('sample');
      try {
        const ids = await sampleWorkspace({
          generator: gen,
          n: Number(opts.n),
          seed: Number(opts.seed),
          truncation: Number(opts.truncation),
          classes: makeClasses(String(opts.classes).split(',').map((s) => s.trim()).filter(Boolean)),
          out: opts.out,
          onProgress: (p) => line.update(p.done, p.total, p.id),
        });
        line.done();
        process.stdout.write(`wrote ${ids.length} samples to ${opts.out}/samples; annotate them with \`ganseg annotate ${opts.out}\` or put masks in ${opts.out}/masks/<id>.png\n`);
      } finally {
        gen.dispose();
      }
    });
}
