import type { CAC } from 'cac';
import { mergeDatasets } from '@ganseg/synth-writer';

/** `ganseg dataset merge <dirs...> -o <dir>`: joins shards into what one run would have written. */
export function registerDatasetMerge(cli: CAC): void {
  cli
    .command('dataset <action> [...dirs]', 'Dataset tools: `dataset merge <dirs...> -o <dir>` joins synthesize shards (refuses shards made with other weights)')
    .option('-o, --out <dir>', 'The merged dataset folder')
    .option('--drop-uncertain <f>', 'Drop this most uncertain fraction of the merged set (default: as the shards were written)')
    .action(async (action: string, dirs: string[], opts: { out?: string; dropUncertain?: number }) => {
      if (action !== 'merge') throw new Error(`dataset ${action}: unknown action; expected \`dataset merge <dirs...> -o <dir>\`.`);
      if (!opts.out) throw new Error('dataset merge: -o <dir> is required.');
      const r = await mergeDatasets(dirs, opts.out, { dropUncertain: opts.dropUncertain === undefined ? undefined : Number(opts.dropUncertain) });
      process.stdout.write(`merged ${dirs.length} shards into ${opts.out}: ${r.count} samples kept, ${r.dropped} dropped\n`);
    });
}
