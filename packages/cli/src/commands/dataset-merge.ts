import type { CAC } from 'cac';
import { mergeDatasets } from '@ganseg/synth-writer';
import { runDatasetImport, type DatasetImportCliOptions } from './dataset-import.js';

/**
 * `ganseg dataset merge <dirs...> -o <dir>`: joins shards into what one run would have written;
 * `ganseg dataset import <src> -o <dir> --format coco|voc|folder`: real data into the layout.
 */
export function registerDatasetMerge(cli: CAC): void {
  cli
    .command(
      'dataset <action> [...dirs]',
      'Dataset tools: `dataset merge <dirs...> -o <dir>` joins synthesize shards (refuses shards made with other weights); `dataset import <src> -o <dir> --format coco|voc|folder` brings COCO, PASCAL VOC or images/ + masks/ folders (JPEG or PNG) into the dataset layout',
    )
    .option('-o, --out <dir>', 'The merged or imported dataset folder (import: a new folder)')
    .option('--drop-uncertain <f>', 'merge: drop this most uncertain fraction of the merged set (default: as the shards were written)')
    .option('--format <f>', 'import: coco (an instances .json), voc (a folder with SegmentationClass/, JPEGImages/) or folder (images/ + masks/)')
    .option('--images <dir>', 'import coco: the images folder (default: images/ beside the JSON, else its folder)')
    .option('--classes <names>', 'import voc / folder: class names, background first, comma-separated (voc default: labelmap.txt)')
    .option('--categories <list>', 'import coco: categories to keep, comma-separated; new=a+b merges (default: all, by id); the rest is background')
    .option('--image-set <name>', 'import voc: ImageSets/Segmentation/<name>.txt (default: every mask)')
    .option('--max-side <px>', 'import: shrink images whose longer side exceeds this (bilinear; masks nearest)')
    .option('--size <WxH>', 'import: resize every image to exactly WxH')
    .option('--split <a,b>', 'import: write train/ and test/ in this proportion, e.g. 20,80 (the paper: 20 train, 80 test photos)')
    .option('--seed <s>', 'import: the split shuffle seed', { default: 0 })
    .action(async (action: string, dirs: string[], opts: { out?: string; dropUncertain?: number } & DatasetImportCliOptions) => {
      if (action === 'import') {
        if (dirs.length > 1) throw new Error(`dataset import: one source expected, got ${dirs.length} (${dirs.join(' ')}).`);
        await runDatasetImport(dirs[0], opts);
        return;
      }
      if (action !== 'merge') throw new Error(`dataset ${action}: unknown action; expected \`dataset merge <dirs...> -o <dir>\` or \`dataset import <src> -o <dir> --format coco|voc|folder\`.`);
      if (!opts.out) throw new Error('dataset merge: -o <dir> is required.');
      const r = await mergeDatasets(dirs, opts.out, { dropUncertain: opts.dropUncertain === undefined ? undefined : Number(opts.dropUncertain) });
      process.stdout.write(`merged ${dirs.length} shards into ${opts.out}: ${r.count} samples kept, ${r.dropped} dropped\n`);
    });
}
