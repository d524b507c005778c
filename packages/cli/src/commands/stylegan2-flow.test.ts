// Issue 19: a StyleGAN2 checkpoint runs through the method unchanged: the StyleGAN2-ADA pickle of
// the converter's fixtures (tools/stylegan2-ref/write_checkpoints.py) is converted, then sample ->
// masks -> train-decoder (conv, and the MLP ensemble) -> synthesize -> embed (with noise
// optimisation) run on it.
import { describe, expect, it } from 'vitest';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { _binFlow, _packageFile } from './_test_cli.js';

const ada = _packageFile('stylegan-gluon-converter', 'fixtures/sg2/tiny-sg2-ada.pkl');
const { p, ganseg } = await _binFlow('flow-sg2-');

describe('StyleGAN2 through the ganseg binary', () => {
  it('convert (ADA pickle) -> sample -> masks -> train-decoder -> synthesize -> embed', async () => {
    const c = await ganseg('convert', ada, '-o', p('gen'));
    expect(c.stdout).toMatch(/found StyleGAN2-ADA PyTorch pickle .*StyleGAN2 \(skip\), 32x32/);
    expect(JSON.parse(readFileSync(p('gen', 'model.json'), 'utf8')).config.architecture).toBe('stylegan2');
    await ganseg('sample', '--generator', p('gen'), '-n', '3', '--seed', '10', '--classes', 'dark,bright', '-o', p('ws'));
    const ids = readdirSync(p('ws', 'samples')).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4));
    expect(ids.length).toBe(3);
    await fs.mkdir(p('ws', 'masks'), { recursive: true });
    for (const id of ids) {
      const img = PNG.sync.read(readFileSync(p('ws', 'samples', `${id}.png`)));
      expect(img.width).toBe(32);
      const m = new PNG({ width: 32, height: 32, colorType: 0, inputColorType: 0, inputHasAlpha: false });
      m.data = Buffer.from(Array.from({ length: 32 * 32 }, (_, i) => (img.data[i * 4] > 127 ? 1 : 0)));
      await fs.writeFile(p('ws', 'masks', `${id}.png`), PNG.sync.write(m, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
    }
    const t = await ganseg('train-decoder', p('ws'), '--generator', p('gen'), '-o', p('dec'), '--epochs', '2');
    expect(t.stdout).toMatch(/trained on 3 samples/);
    await ganseg('synthesize', '--generator', p('gen'), '--decoder', p('dec'), '-n', '2', '-o', p('synth'));
    expect(readdirSync(p('synth', 'masks')).length).toBe(2);
    // the MLP ensemble on the same StyleGAN2 features
    const mlp = await ganseg('train-decoder', p('ws'), '--generator', p('gen'), '-o', p('mlp'), '--arch', 'mlp', '--ensemble', '2', '--epochs', '1');
    expect(mlp.stdout).toMatch(/trained on 3 samples/);
    await ganseg('synthesize', '--generator', p('gen'), '--decoder', p('mlp'), '-n', '1', '-o', p('synth-mlp'));
    expect(readdirSync(p('synth-mlp', 'masks')).length).toBe(1);
    await ganseg('embed', p('ws', 'samples', `${ids[0]}.png`), '--generator', p('gen'), '--decoder', p('dec'), '--steps', '5', '--noise', '-o', p('emb'));
    const files = readdirSync(p('emb'));
    expect(files.some((f) => f.endsWith('-mask.png'))).toBe(true);
    const latent = JSON.parse(readFileSync(p('emb', files.find((f) => f.endsWith('-latent.json')) as string), 'utf8'));
    expect(latent.numLayers).toBe(8);
    expect(existsSync(p('dec', 'train-log.json'))).toBe(true);
  }, 300_000);
});
