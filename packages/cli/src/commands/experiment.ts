import type { CAC } from 'cac';
import { readExperimentConfig, runExperiment, writeReport } from '@ganseg/experiment';

/** `ganseg experiment <config.json>`: both arms of the paper's comparison, and the report. */
export function registerExperiment(cli: CAC): void {
  cli
    .command('experiment <config>', 'Run the method against the supervised baseline over annotation counts and seeds; write report.md, metrics.json, curve.svg and grids')
    .option('--out <dir>', 'Folder of the report (default: the config\'s "out")')
    .option('--work <dir>', 'Folder of datasets and checkpoints (default: the config\'s "work")')
    .action(async (file: string, opts: { out?: string; work?: string }) => {
      const cfg = await readExperimentConfig(file, { ...(opts.out ? { out: opts.out } : {}), ...(opts.work ? { work: opts.work } : {}) });
      const t0 = Date.now();
      const result = await runExperiment(cfg, (line) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${line}\n`));
      const files = await writeReport(cfg, result, `ganseg experiment ${process.argv.slice(3).join(' ')}`);
      process.stdout.write(`${files.table}\nwrote ${files.report}, ${files.metrics}, ${files.curve}, ${files.gridTest}\n`);
    });
}
