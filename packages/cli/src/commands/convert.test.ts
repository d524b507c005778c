import { describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { _packageFile, _runCommand, _scratchDir } from './_test_cli.js';
import { registerConvert } from './convert.js';

const FIXTURES = _packageFile('checkpoint-readers', 'fixtures');
const SG2 = _packageFile('stylegan-gluon-converter', 'fixtures/sg2');
const run = (args: string[]) => _runCommand([registerConvert], args);

describe('ganseg convert', () => {
  it('converts the official pickle to tfjs and the Gluon params to Gluon; refuses bad options and files', async () => {
    const dir = _scratchDir('ganseg-convert-cli-');
    await run(['convert', path.join(FIXTURES, 'tiny-official.pkl'), '-o', path.join(dir, 'a')]);
    expect(readdirSync(path.join(dir, 'a')).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    await run(['convert', path.join(FIXTURES, 'tiny-gluon-prefixed.params'), '-o', path.join(dir, 'b'), '--to', 'gluon']);
    expect(readdirSync(path.join(dir, 'b')).sort()).toEqual(['config.json', 'generator.params']);
    await expect(run(['convert', path.join(FIXTURES, 'tiny-official.pkl'), '-o', path.join(dir, 'c'), '--to', 'onnx'])).rejects.toThrow(/--to onnx/);
    await expect(run(['convert', path.join(FIXTURES, 'tiny-state.pth'), '-o', path.join(dir, 'c')])).rejects.toThrow(/tiny-state\.pth/);
    expect(existsSync(path.join(dir, 'c'))).toBe(false);
  });

  it('says what it found in a StyleGAN2-ADA and an official StyleGAN2 pickle', async () => {
    const dir = _scratchDir('ganseg-convert-cli-');
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true; });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await run(['convert', path.join(SG2, 'tiny-sg2-ada.pkl'), '-o', path.join(dir, 'a')]);
      await run(['convert', path.join(SG2, 'tiny-sg2-official.pkl'), '-o', path.join(dir, 'b')]);
    } finally {
      spy.mockRestore();
      err.mockRestore();
    }
    const text = out.join('');
    expect(text).toMatch(/found StyleGAN2-ADA PyTorch pickle \(G_ema, training\.networks\.Generator\): StyleGAN2 \(skip\), 32x32, widths 16\.\.4 .*mapping 3 x 16 .*w_avg mean/);
    expect(text).toMatch(/found official StyleGAN2 TensorFlow pickle/);
  });
});
