import type { CAC } from 'cac';
import path from 'node:path';
import { atomicWriteFile } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import { formatMetricsTable, type MetricsSummary } from '@ganseg/metrics';
import { loadDeepLab } from '@ganseg/deeplab';
import { loadDecoder } from '@ganseg/decoder';
import { loadGenerator } from '@ganseg/stylegan';
import { evaluateDeepLab, evaluateDecoder } from '@ganseg/experiment';

/** The figures a user reads first: pixel accuracy, mIoU, the paper's IoU, and IoU per class. */
function _summary(m: MetricsSummary): string {
  const f = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));
  return (
    `pixel accuracy ${f(m.pixelAccuracy)}, mIoU ${f(m.meanIoU)}, ` +
    `paper IoU ${f(m.backgroundSkippedIoU)} (mean over the classes but background, accumulated over the set)\n` +
    `IoU per class: ${m.perClass.map((c) => `${c.name} ${f(c.iou)}`).join(', ')}\n`
  );
}

interface EvaluateOptions {
  model?: string;
  decoder?: string;
  generator?: string;
  json?: boolean;
  out?: string;
}

/** `ganseg evaluate --model <dir> <dataset> [--json]` and `--decoder <dir> --generator <dir> <ws>`. */
export function registerEvaluate(cli: CAC): void {
  cli
    .command(
      'evaluate <data>',
      "Pixel accuracy, IoU per class, mIoU and the paper's IoU (background skipped, accumulated) of a DeepLabV3+ on a dataset (PNG or JPEG images), or of a decoder on an annotated workspace",
    )
    .option('--model <dir>', 'A DeepLabV3+ (train-deeplab output); <data> is a dataset folder')
    .option('--decoder <dir>', 'A decoder (train-decoder output); <data> is an annotation workspace')
    .option('--generator <dir>', 'With --decoder: the generator the workspace was sampled with')
    .option('--json', 'Print the metrics as JSON (pixelAccuracy, meanIoU, backgroundSkippedIoU, perClass[].iou, ...) instead of a table')
    .option('-o, --out <file>', 'Where to write metrics.json (default: <model or decoder>/metrics.json)')
    .action(async (data: string, opts: EvaluateOptions) => {
      await initBackend();
      let metrics: MetricsSummary;
      let method: string;
      if (opts.model) {
        const { model } = await loadDeepLab(opts.model);
        try {
          metrics = (await evaluateDeepLab(model, data, (d, t) => process.stderr.write(`\revaluate ${d}/${t}`))).metrics;
          process.stderr.write('\n');
        } finally {
          model.dispose();
        }
        method = `deeplab ${path.basename(path.resolve(opts.model))}`;
      } else if (opts.decoder) {
        if (!opts.generator) throw new Error('evaluate --decoder needs --generator <dir>, the generator the workspace was sampled with.');
        const gen = await loadGenerator(opts.generator);
        const dec = await loadDecoder(opts.decoder);
        try {
          metrics = await evaluateDecoder(gen, dec, data);
        } finally {
          gen.dispose();
          dec.dispose();
        }
        method = `decoder ${path.basename(path.resolve(opts.decoder))}`;
      } else {
        throw new Error('evaluate: give --model <deeplab dir> (on a dataset) or --decoder <dir> --generator <dir> (on a workspace).');
      }
      const out = opts.out ?? path.join(opts.model ?? opts.decoder!, 'metrics.json');
      await atomicWriteFile(out, JSON.stringify({ data: path.resolve(data), method, ...metrics }, null, 2) + '\n');
      if (opts.json) process.stdout.write(JSON.stringify(metrics) + '\n');
      else process.stdout.write(formatMetricsTable([{ method, metrics }], { format: 'text' }) + '\n' + _summary(metrics) + `wrote ${out}\n`);
    });
}
