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
});
