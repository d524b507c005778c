import type { CAC } from 'cac';
import { convertCheckpoint } from '@ganseg/stylegan-gluon-converter';

/** `ganseg convert <file> -o <dir> [--from auto|pkl|gluon] [--to tfjs|gluon] [--overwrite]`. */
export function registerConvert(cli: CAC): void {
  cli
    .command('convert <file>', 'Convert a StyleGAN checkpoint (official StyleGAN / StyleGAN2 .pkl, StyleGAN2-ADA .pkl or the paper\'s Gluon .params, detected by content) to the tfjs layout or (StyleGAN v1) to Gluon .params')
    .option('-o, --out <dir>', 'Output folder (written to a temporary folder, then renamed)')
    .option('--from <format>', 'Input format: auto | pkl | gluon', { default: 'auto' })
    .option('--to <format>', 'Output format: tfjs | gluon', { default: 'tfjs' })
    .option('--noise-seed <n>', 'Seed of the fixed noise buffers filled in for Gluon inputs (they store none)', { default: 0 })
    .option('--overwrite', 'Replace a non-empty output folder')
    .action(async (file: string, opts: { out?: string; from: string; to: string; noiseSeed: number; overwrite?: boolean }) => {
      if (!opts.out) throw new Error('convert: -o <dir> is required.');
      if (!['auto', 'pkl', 'gluon'].includes(opts.from)) throw new Error(`convert: --from ${opts.from}: expected auto, pkl or gluon.`);
      if (!['tfjs', 'gluon'].includes(opts.to)) throw new Error(`convert: --to ${opts.to}: expected tfjs or gluon.`);
      const seed = Number(opts.noiseSeed);
      if (!Number.isInteger(seed)) throw new Error(`convert: --noise-seed ${opts.noiseSeed}: expected an integer.`);
      const r = await convertCheckpoint(file, opts.out, {
        from: opts.from as 'auto' | 'pkl' | 'gluon',
        to: opts.to as 'tfjs' | 'gluon',
        noiseSeed: seed,
        overwrite: !!opts.overwrite,
        onProgress: (m) => process.stderr.write(`convert: ${m}\n`),
      });
      process.stdout.write(`found ${r.found}\n`);
      process.stdout.write(`converted ${file} (${r.from}) -> ${opts.out} (${r.to}): ${r.weightCount} weights\n`);
      if (r.ignored.length) process.stdout.write(`ignored (known unused): ${r.ignored.length} keys\n`);
      for (const n of r.notes) process.stdout.write(`note: ${n}\n`);
    });
}
