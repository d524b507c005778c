import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atomicWriteFile } from '@ganseg/io';
import { formatMetricsTable, meanAndSpread, plotCurveSvg, type CurveSeries } from '@ganseg/metrics';
import { colorizeMask } from './colorize-mask.js';
import { gridPng, type Tile } from './grid-png.js';
import { experimentMethods, type ExperimentConfig } from './experiment-config.js';
import type { ExperimentResult } from './run-experiment.js';

/** The files {@link writeReport} wrote. */
export interface ReportFiles {
  report: string;
  metrics: string;
  curve: string;
  gridTest: string;
  gridGenerated: string | null;
  /** The summary table (text), as printed by the cli. */
  table: string;
}

/**
 * Writes an experiment's report: `metrics.json` (every run and the mean/spread by N),
 * `report.md` (command, seeds, hashes, time, machine, the table at the largest N, the curve and
 * the grids), `curve.svg` (pixel accuracy and mIoU against N for both arms: the paper's Figure 4)
 * and `grid-test.png` (test images, truth, baseline, method: its Figure 3) plus
 * `grid-generated.png` (generated samples beside real images).
 *
 * @param cfg The experiment.
 * @param result What `runExperiment` returned.
 * @param command The command line, for the record.
 * @param notes Extra lines for the report (such as where annotations came from).
 * @returns The files and the printed table.
 * @example
 * ```ts
 * const files = await writeReport(cfg, result, 'ganseg experiment exp.json');
 * ```
 */
export async function writeReport(cfg: ExperimentConfig, result: ExperimentResult, command: string, notes: string[] = []): Promise<ReportFiles> {
  await fs.mkdir(cfg.out, { recursive: true });
  const methods = experimentMethods(cfg);
  const arms = ['baseline', ...methods.map((m) => m.name)];
  const label = (arm: string) => {
    const m = methods.find((x) => x.name === arm);
    return m ? `${arm}: ${m.decoder.arch === 'mlp' ? `MLP ensemble (${m.decoder.ensemble ?? 'default'})` : `${m.decoder.arch}`} decoder + synthetic data + DeepLabV3+` : 'baseline: DeepLabV3+ on N real images';
  };
  const palette = ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00'];
  const color = (arm: string) => palette[arms.indexOf(arm) % palette.length];
  const summary = cfg.counts.flatMap((n) =>
    arms.map((arm) => {
      const rs = result.runs.filter((r) => r.arm === arm && r.n === n);
      return {
        arm,
        n,
        runs: rs.length,
        pixelAccuracy: meanAndSpread(rs.map((r) => r.metrics.pixelAccuracy)),
        meanIoU: meanAndSpread(rs.map((r) => r.metrics.meanIoU)),
        // the paper's IoU: background skipped, accumulated over the test set (null in runs kept from before it existed)
        backgroundSkippedIoU: meanAndSpread(rs.map((r) => r.metrics.backgroundSkippedIoU ?? null)),
      };
    }),
  );
  const maxN = Math.max(...cfg.counts);
  const rows = arms.map((arm) => ({ method: `${arm} (N=${maxN})`, metrics: result.runs.filter((r) => r.arm === arm && r.n === maxN).map((r) => r.metrics) }));
  const tableMd = formatMetricsTable(rows, { format: 'markdown', paperIoU: true });
  const table = formatMetricsTable(rows, { format: 'text', paperIoU: true });
  const series: CurveSeries[] = arms.flatMap((arm) => [
    { name: `${arm} mIoU`, points: summary.filter((s) => s.arm === arm).map((s) => ({ x: s.n, y: s.meanIoU.mean, err: s.meanIoU.n > 1 ? s.meanIoU.std : null })), color: color(arm) },
    { name: `${arm} pixel accuracy`, points: summary.filter((s) => s.arm === arm).map((s) => ({ x: s.n, y: s.pixelAccuracy.mean, err: s.pixelAccuracy.n > 1 ? s.pixelAccuracy.std : null })), color: color(arm), dashed: true },
  ]);
  const curve = path.join(cfg.out, 'curve.svg');
  await atomicWriteFile(curve, plotCurveSvg(series, { title: `${cfg.name}: real test set against the number of annotated images`, xLabel: 'annotated images N', yLabel: 'score', xScale: cfg.counts.length > 2 ? 'log' : 'linear', xTicks: cfg.counts }));

  // Figure 3: test image | truth | baseline | method, at the largest N, first seed
  const classes = result.test.classes.map((c) => ({ name: c.name, color: c.color as [number, number, number] }));
  const pick = (arm: string) => result.runs.find((r) => r.arm === arm && r.n === maxN && r.seed === cfg.seeds[0]);
  const picked = arms.map(pick);
  const testRows: Tile[][] = result.test.samples.slice(0, cfg.gridImages).map((s, i) => {
    const t = (mask: Uint8Array): Tile => ({ rgb: colorizeMask(mask, classes, s.image, 0.6), width: s.width, height: s.height });
    return [{ rgb: s.image, width: s.width, height: s.height }, t(s.mask), ...picked.flatMap((r) => (r ? [t(Uint8Array.from(r.gridMasks[i] ?? []))] : []))];
  });
  const gridTest = path.join(cfg.out, 'grid-test.png');
  await atomicWriteFile(gridTest, gridPng(testRows));
  let gridGenerated: string | null = null;
  if (result.generated.length) {
    const real = result.test.samples.slice(0, result.generated.length);
    gridGenerated = path.join(cfg.out, 'grid-generated.png');
    await atomicWriteFile(gridGenerated, gridPng([result.generated.map((g) => ({ rgb: g.rgb, width: g.width, height: g.height })), real.map((s) => ({ rgb: s.image, width: s.width, height: s.height }))]));
  }

  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  const metricsFile = path.join(cfg.out, 'metrics.json');
  const { test: _test, generated: _gen, ...plain } = result;
  void _test;
  void _gen;
  await atomicWriteFile(metricsFile, JSON.stringify({ name: cfg.name, command, machine, config: _portable(cfg), ...plain, runs: plain.runs.map(({ gridMasks: _g, ...r }) => r), summary }, null, 2) + '\n');
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');
  const spread = (s: { mean: number; std: number; n: number }) => (s.n > 1 ? `${f(s.mean)} ± ${f(s.std)}` : f(s.mean));
  const md = [
    `# ${cfg.name}`,
    '',
    `Rerun with \`${command}\` (${(result.seconds / 60).toFixed(1)} minutes on ${machine.cpus} × ${machine.cpu}, ${machine.platform}, Node ${machine.node}; the ${result.runs.length} runs' own times add up to ${(result.runs.reduce((a, r) => a + r.seconds, 0) / 60).toFixed(1)} minutes: runs in parallel processes overlap, and runs recorded by an earlier pass are reused, not rerun).`,
    '',
    `- generator: \`${path.relative(process.cwd(), cfg.generator) || cfg.generator}\` (hash ${result.hashes.generator})`,
    ...('teacher' in cfg.annotator ? [`- annotations of generated images: the teacher \`${path.relative(process.cwd(), cfg.annotator.teacher)}\` (hash ${result.hashes.teacher}), standing in for a human annotator`] : [`- annotations of generated images: the workspace \`${cfg.annotator.workspace}\``]),
    `- real train set: \`${path.relative(process.cwd(), cfg.realTrain)}\`; real test set: \`${path.relative(process.cwd(), cfg.realTest)}\` (${result.test.samples.length} images)`,
    `- annotation counts N: ${cfg.counts.join(', ')}; seeds: ${cfg.seeds.join(', ')}; truncation ${cfg.truncation}`,
    `- decoder: ${cfg.decoder.arch}, ${cfg.decoder.epochs} epochs, ${cfg.decoder.optimizer ?? 'sgd (default)'}${cfg.decoder.lr !== undefined ? ` lr ${cfg.decoder.lr}` : ''}${cfg.decoder.weightDecay !== undefined ? ` wd ${cfg.decoder.weightDecay}` : ''}${cfg.decoder.batchSize !== undefined ? `, ${cfg.decoder.batchSize} image(s) a step` : ''}; synthetic pairs: ${cfg.synth.n} (drop ${cfg.synth.dropUncertain} most uncertain)`,
    `- DeepLabV3+: ${cfg.deeplab.backbone} × ${cfg.deeplab.width}, output stride ${cfg.deeplab.outputStride ?? 16}, scale augmentation ${cfg.deeplab.scale ? `${cfg.deeplab.scale[0]}-${cfg.deeplab.scale[1]}` : '0.5-2'}, ${cfg.deeplab.epochs} epochs on synthetic data, batch ${cfg.deeplab.batch}, lr ${cfg.deeplab.lr}, wd ${cfg.deeplab.wd}; the baseline sees as many images (more epochs over its N)`,
    ...notes.map((n) => `- ${n}`),
    '',
    `## At N = ${maxN}`,
    '',
    tableMd,
    '',
    '## Against N',
    '',
    `| N | ${arms.map((a) => `${a} accuracy | ${a} mIoU | ${a} paper IoU`).join(' | ')} |`,
    `| --- | ${arms.map(() => '--- | --- | ---').join(' | ')} |`,
    ...cfg.counts.map((n) => {
      const cells = arms.map((a) => {
        const sa = summary.find((s) => s.arm === a && s.n === n)!;
        return `${spread(sa.pixelAccuracy)} | ${spread(sa.meanIoU)} | ${spread(sa.backgroundSkippedIoU)}`;
      });
      return `| ${n} | ${cells.join(' | ')} |`;
    }),
    '',
    "The paper's IoU is the mean IoU over the classes but the background, accumulated over the test set (what the authors' code reports).",
    '',
    '![pixel accuracy and mIoU against N](curve.svg)',
    '',
    '## Test images',
    '',
    `Columns: image, truth, ${arms.map(label).join(', ')} (N = ${maxN}, seed ${cfg.seeds[0]}).`,
    '',
    '![test grid](grid-test.png)',
    ...(gridGenerated ? ['', '## Generated and real', '', 'Top row: images the generator made (the ones annotated for the method); bottom row: real images.', '', '![generated and real](grid-generated.png)'] : []),
    '',
  ].join('\n');
  const report = path.join(cfg.out, 'report.md');
  await atomicWriteFile(report, md);
  return { report, metrics: metricsFile, curve, gridTest, gridGenerated, table };
}

/** The config with its folders relative to the report's folder (`/`-separated). */
function _portable(cfg: ExperimentConfig): ExperimentConfig {
  const rel = (p: string) => path.relative(cfg.out, path.resolve(p)).split(path.sep).join('/') || '.';
  const annotator = 'teacher' in cfg.annotator ? { teacher: rel(cfg.annotator.teacher) } : { workspace: rel(cfg.annotator.workspace) };
  return { ...cfg, generator: rel(cfg.generator), annotator, realTrain: rel(cfg.realTrain), realTest: rel(cfg.realTest), out: '.', work: rel(cfg.work) };
}
