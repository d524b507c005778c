import { describe, expect, it } from 'vitest';
import { createConfig } from './create-config.js';
import { StyleGANConfigError } from './style-gan-config-error.js';

describe('createConfig', () => {
  it('gives the official FFHQ defaults', () => {
    expect(createConfig()).toEqual({
      resolution: 1024, latentSize: 512, dlatentSize: 512, mappingLayers: 8, mappingFmaps: 512, mappingLrmul: 0.01,
      fmapBase: 8192, fmapDecay: 1, fmapMax: 512, numChannels: 3, fusedScaleFrom: 128,
    });
    expect(createConfig({ resolution: 256 }).resolution).toBe(256);
  });

  it('rejects bad values and unknown keys with a typed error naming the key', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ resolution: 100 }, 'resolution'],
      [{ resolution: 2048 }, 'resolution'],
      [{ resolution: 4 }, 'resolution'],
      [{ latentSize: 0 }, 'latentSize'],
      [{ fmapMax: 1.5 }, 'fmapMax'],
      [{ mappingLrmul: -1 }, 'mappingLrmul'],
      [{ resolutoin: 256 }, 'resolutoin'],
      [{ fmapBase: '8192' }, 'fmapBase'],
      [{ resolution: 32, crop: { top: 16, bottom: 16 } }, 'crop'],
      [{ crop: { top: -1, bottom: 0 } }, 'crop'],
      [{ crop: { top: 1.5, bottom: 0 } }, 'crop'],
      [{ crop: { top: 1, bottom: 1, left: 1 } }, 'crop'],
      [{ crop: 64 }, 'crop'],
    ];
    for (const [partial, key] of bad) {
      try {
        createConfig(partial as never, 'gen/model.json');
        expect.unreachable(`accepted ${JSON.stringify(partial)}`);
      } catch (e) {
        expect(e).toBeInstanceOf(StyleGANConfigError);
        expect((e as StyleGANConfigError).key).toBe(key);
        expect((e as Error).message).toContain('gen/model.json');
      }
    }
  });

  it('keeps a valid crop and leaves it out by default', () => {
    expect(createConfig({ architecture: 'stylegan2', resolution: 512, crop: { top: 64, bottom: 64 } }).crop).toEqual({ top: 64, bottom: 64 });
    expect('crop' in createConfig({ architecture: 'stylegan2' })).toBe(false);
  });
});
