import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { initBackend } from '@ganseg/runtime';
import { StyleGAN, createConfig, saveGenerator } from '@ganseg/stylegan';
import { createDeepLab, saveDeepLab } from '@ganseg/deeplab';
import { readExperimentConfig } from './experiment-config.js';
import { runExperiment } from './run-experiment.js';
import { writeReport } from './write-report.js';

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'experiment-'));
afterAll(() => fs.rm(root, { recursive: true, force: true }));
const classes = [{ name: 'background', color: [0, 0, 0] }, { name: 'disc', color: [255, 0, 0] }];

/** A tiny "real" dataset: a bright disc (class 1) on a dark noisy background, 16x16. */
async function writeDiscs(dir: string, seeds: number[]): Promise<void> {
  await fs.mkdir(path.join(dir, 'images'), { recursive: true });
  await fs.mkdir(path.join(dir, 'masks'), { recursive: true });
  for (const s of seeds) {
    const cx = 4 + (s * 5) % 8;
    const cy = 4 + (s * 3) % 8;
    const img = new PNG({ width: 16, height: 16 });
    const mask = new PNG({ width: 16, height: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    mask.data = Buffer.alloc(256);
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 16; x++) {
        const inside = (x - cx) ** 2 + (y - cy) ** 2 < 12;
        const v = inside ? 220 : 30 + ((x * 7 + y * 13 + s) % 20);
        img.data.set([v, inside ? 80 : v, v, 255], (y * 16 + x) * 4);
        mask.data[y * 16 + x] = inside ? 1 : 0;
      }
    }
    const id = String(s).padStart(6, '0');
    await fs.writeFile(path.join(dir, 'images', `${id}.png`), PNG.sync.write(img));
    await fs.writeFile(path.join(dir, 'masks', `${id}.png`), PNG.sync.write(mask, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
  }
  await fs.writeFile(path.join(dir, 'dataset.json'), JSON.stringify({ format: 'ganseg-dataset', version: 1, classes, ignore: 255 }));
}

beforeAll(async () => {
  await initBackend();
  const gen = StyleGAN.random(createConfig({ resolution: 16, latentSize: 16, dlatentSize: 16, mappingLayers: 2, fmapBase: 64, fmapMax: 16 }), 1);
  await saveGenerator(gen, path.join(root, 'gen'));
  gen.dispose();
  const teacher = createDeepLab({ backbone: 'resnet18', width: 0.125, numClasses: 2 }, { seed: 3, classes: classes as never });
  await saveDeepLab(teacher, path.join(root, 'teacher'));
  teacher.dispose();
  await writeDiscs(path.join(root, 'train'), [1, 2, 3, 4]);
  await writeDiscs(path.join(root, 'test'), [101, 102, 103]);
  await fs.writeFile(
    path.join(root, 'exp.json'),
    JSON.stringify({
      name: 'tiny', generator: 'gen', annotator: { teacher: 'teacher' }, realTrain: 'train', realTest: 'test', counts: [2, 4], seeds: [0, 1],
      decoder: { arch: 'conv', epochs: 1 }, synth: { n: 4, dropUncertain: 0.25, workers: 1 },
      deeplab: { backbone: 'resnet18', width: 0.125, epochs: 1, batch: 2, crop: 16 }, gridImages: 2,
    }),
  );
}, 120_000);

describe('experiment', () => {
  it('runs both arms end to end and writes every report file with numbers in range', async () => {
    const cfg = await readExperimentConfig(path.join(root, 'exp.json'));
    const lines: string[] = [];
    const result = await runExperiment(cfg, (l) => lines.push(l));
    expect(result.runs.length).toBe(2 * 2 * 2);
    for (const r of result.runs) {
      expect(r.metrics.pixelAccuracy).toBeGreaterThanOrEqual(0);
      expect(r.metrics.pixelAccuracy).toBeLessThanOrEqual(1);
      expect(r.metrics.meanIoU).toBeGreaterThanOrEqual(0);
      expect(r.metrics.meanIoU).toBeLessThanOrEqual(1);
      expect(r.metrics.pixels).toBe(3 * 256);
    }
    const files = await writeReport(cfg, result, 'ganseg experiment exp.json');
    for (const f of [files.report, files.metrics, files.curve, files.gridTest, files.gridGenerated!]) expect(existsSync(f)).toBe(true);
    const md = readFileSync(files.report, 'utf8');
    expect(md).toContain('ganseg experiment exp.json');
    expect(md).toContain(result.hashes.generator);
    expect(md).toMatch(/seeds: 0, 1/);
    const own = result.runs.reduce((a, r) => a + r.seconds, 0) / 60;
    expect(md).toContain(`the ${result.runs.length} runs' own times add up to ${own.toFixed(1)} minutes`);
    const m = JSON.parse(readFileSync(files.metrics, 'utf8'));
    expect(m.summary.length).toBe(4);
    expect(m.summary[0].meanIoU.n).toBe(2);
    expect(m.summary[0].backgroundSkippedIoU).toHaveProperty('mean');
    // no folder of this machine in the committed metrics: the config's paths are relative to the report
    expect(JSON.stringify(m.config)).not.toContain(root);
    expect(path.resolve(files.metrics, '..', m.config.realTest)).toBe(path.resolve(cfg.realTest));
    expect(m.config.out).toBe('.');
    expect(md).toMatch(/\| N \| baseline accuracy \| baseline mIoU \| baseline paper IoU \|/);
    expect(readFileSync(files.curve, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const grid = PNG.sync.read(readFileSync(files.gridTest));
    expect(grid.height).toBeGreaterThan(2 * 16);
    // a second run resumes from the recorded runs without training again
    const t = Date.now();
    const again = await runExperiment(cfg);
    expect(again.runs.map((r) => r.metrics.meanIoU)).toEqual(result.runs.map((r) => r.metrics.meanIoU));
    expect(Date.now() - t).toBeLessThan(20_000);
  }, 300_000);

  it('runs several method arms on the same annotated images (conv decoder and MLP ensemble)', async () => {
    const raw = JSON.parse(readFileSync(path.join(root, 'exp.json'), 'utf8'));
    await fs.writeFile(
      path.join(root, 'arms.json'),
      JSON.stringify({ ...raw, name: 'arms', counts: [2], seeds: [0], methods: [{ name: 'method', decoder: { arch: 'conv', epochs: 1 } }, { name: 'method-mlp', decoder: { arch: 'mlp', epochs: 1, ensemble: 2 } }] }),
    );
    const cfg = await readExperimentConfig(path.join(root, 'arms.json'));
    expect(cfg.methods?.map((m) => m.decoder.arch)).toEqual(['conv', 'mlp']);
    const lines: string[] = [];
    const result = await runExperiment(cfg, (l) => lines.push(l));
    expect(result.runs.map((r) => r.arm)).toEqual(['baseline', 'method', 'method-mlp']);
    expect(lines.filter((l) => /annotated by the teacher/.test(l))).toHaveLength(1);
    expect(lines.some((l) => /method-mlp N=2 seed=0: mlp decoder trained/.test(l))).toBe(true);
    const files = await writeReport(cfg, result, 'ganseg experiment arms.json');
    const md = readFileSync(files.report, 'utf8');
    expect(md).toMatch(/\| method-mlp accuracy \| method-mlp mIoU \| method-mlp paper IoU \|/);
    expect(files.table).toMatch(/method-mlp \(N=2\)/);
    expect(files.table).toMatch(/Paper IoU/);
    // four columns of the grid: image, truth and three arms
    const grid = PNG.sync.read(readFileSync(files.gridTest));
    expect(grid.width).toBeGreaterThanOrEqual(5 * 16);
    await fs.writeFile(path.join(root, 'arms-bad.json'), JSON.stringify({ ...raw, methods: [{ name: 'mlp', decoder: {} }] }));
    await expect(readExperimentConfig(path.join(root, 'arms-bad.json'))).rejects.toThrow(/arms-bad\.json: key "methods"/);
  }, 300_000);

  it('runs disjoint arms separately in one work folder, then reads them all', async () => {
    const raw = JSON.parse(readFileSync(path.join(root, 'exp.json'), 'utf8'));
    await fs.writeFile(path.join(root, 'split.json'), JSON.stringify({ ...raw, name: 'split', counts: [2], seeds: [0] }));
    const cfg = await readExperimentConfig(path.join(root, 'split.json'));
    const b = await runExperiment(cfg, () => {}, { arms: ['baseline'] });
    expect(b.runs.map((r) => r.arm)).toEqual(['baseline']);
    expect(existsSync(path.join(cfg.work, 'method-n2-s0'))).toBe(false);
    const m = await runExperiment(cfg, () => {}, { arms: ['method'] });
    expect(m.runs.map((r) => r.arm)).toEqual(['method']);
    const t = Date.now();
    const all = await runExperiment(cfg);
    expect(all.runs.map((r) => [r.arm, r.metrics.meanIoU])).toEqual([['baseline', b.runs[0].metrics.meanIoU], ['method', m.runs[0].metrics.meanIoU]]);
    expect(Date.now() - t).toBeLessThan(20_000);
  }, 300_000);

  it('runs a record again when the weights or settings it was made with changed, and keeps the rest', async () => {
    const raw = JSON.parse(readFileSync(path.join(root, 'exp.json'), 'utf8'));
    await fs.writeFile(path.join(root, 'stale.json'), JSON.stringify({ ...raw, name: 'stale', counts: [2], seeds: [0] }));
    const cfg = await readExperimentConfig(path.join(root, 'stale.json'));
    const first = await runExperiment(cfg);
    expect(first.runs.map((r) => r.arm)).toEqual(['baseline', 'method']);
    // another generator in the generator's folder: the method's record is stale, the baseline's is not
    const gen2 = StyleGAN.random(createConfig({ resolution: 16, latentSize: 16, dlatentSize: 16, mappingLayers: 2, fmapBase: 64, fmapMax: 16 }), 2);
    await fs.rm(path.join(root, 'gen-b'), { recursive: true, force: true });
    await saveGenerator(gen2, path.join(root, 'gen-b'));
    gen2.dispose();
    await fs.writeFile(path.join(root, 'stale.json'), JSON.stringify({ ...raw, name: 'stale', generator: 'gen-b', counts: [2], seeds: [0] }));
    const lines: string[] = [];
    const second = await runExperiment(await readExperimentConfig(path.join(root, 'stale.json')), (l) => lines.push(l));
    expect(second.hashes.generator).not.toBe(first.hashes.generator);
    expect(lines.filter((l) => /made with other weights, data or settings/.test(l))).toEqual(['method-n2-s0: its record was made with other weights, data or settings; running it again']);
    expect(lines.some((l) => /annotated by the teacher/.test(l))).toBe(true);
    expect(lines.some((l) => /baseline N=2 seed=0: DeepLabV3\+ on/.test(l))).toBe(false);
    expect(second.runs[0].metrics.meanIoU).toBe(first.runs[0].metrics.meanIoU);
    expect(second.runs[1].recipe?.hashes).toEqual(second.hashes);
    // a moved work folder (another checkout) keeps its records: paths are relative to it
    expect(second.runs[0].recipe?.realTrain).toBe(path.relative(cfg.work, path.join(root, 'train')));
    const moved = path.join(root, 'moved');
    await fs.rm(moved, { recursive: true, force: true });
    await fs.mkdir(moved);
    for (const d of ['gen-b', 'teacher', 'train', 'test', 'stale.json']) await fs.cp(path.join(root, d), path.join(moved, d), { recursive: true });
    await fs.cp(cfg.work, path.join(moved, path.relative(root, cfg.work)), { recursive: true });
    const lines2: string[] = [];
    const third = await runExperiment(await readExperimentConfig(path.join(moved, 'stale.json')), (l) => lines2.push(l));
    expect(lines2.filter((l) => /made with other|DeepLabV3\+ on|decoder trained/.test(l))).toEqual([]);
    expect(third.runs.map((r) => r.metrics.meanIoU)).toEqual(second.runs.map((r) => r.metrics.meanIoU));
    // records only (the workspaces are not committed): the report's generated images are drawn
    // again from their seeds, the same pixels
    const movedWork = path.join(moved, path.relative(root, cfg.work));
    for (const d of await fs.readdir(movedWork)) if (d.startsWith('annotated-')) await fs.rm(path.join(movedWork, d), { recursive: true, force: true });
    const fourth = await runExperiment(await readExperimentConfig(path.join(moved, 'stale.json')));
    expect(third.generated.length).toBeGreaterThan(0);
    expect(fourth.generated.map((g) => Array.from(g.rgb))).toEqual(third.generated.map((g) => Array.from(g.rgb)));
    expect((await fs.readdir(movedWork)).filter((d) => d.includes('.grid-'))).toEqual([]);
  }, 300_000);

  it('names the key of a bad config', async () => {
    await fs.writeFile(path.join(root, 'bad.json'), JSON.stringify({ generator: 'gen', annotator: { teacher: 't' }, realTrain: 'a', realTest: 'b', counts: [0] }));
    await expect(readExperimentConfig(path.join(root, 'bad.json'))).rejects.toThrow(/bad\.json: key "counts" must hold positive integers/);
  });
});
