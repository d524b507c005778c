import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', '_main-demo.js');

describe('the demo (npx pnpm demo -- --quick)', () => {
  it('runs the whole method on the embedded default and writes the report', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'demo-'));
    try {
      const out = path.join(dir, 'out');
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [demo, '--quick', '--out', out, '--work', path.join(dir, 'work'), '--workers', '1'], { maxBuffer: 1 << 24 });
      expect(stderr).toMatch(/annotated by the teacher/);
      expect(stdout).toMatch(/baseline \(N=4\)/);
      expect(stdout).toMatch(/method \(N=4\)/);
      for (const f of ['report.md', 'metrics.json', 'curve.svg', 'grid-test.png', 'grid-generated.png']) expect(existsSync(path.join(out, f))).toBe(true);
      const m = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
      expect(m.runs.length).toBe(2);
      for (const r of m.runs) {
        expect(r.metrics.meanIoU).toBeGreaterThanOrEqual(0);
        expect(r.metrics.meanIoU).toBeLessThanOrEqual(1);
        expect(r.metrics.pixels).toBe(8 * 64 * 64);
      }
      expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/teacher/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
