import { describe, expect, it } from 'vitest';
import { createConfig } from './create-config.js';
import { defaultCutoff } from './default-cutoff.js';

describe('defaultCutoff', () => {
  it('is 8 for v1 at every resolution and every layer for StyleGAN2', () => {
    expect(defaultCutoff(createConfig())).toBe(8);
    expect(defaultCutoff(createConfig({ resolution: 16 }))).toBe(8);
    expect(defaultCutoff(createConfig({ architecture: 'stylegan2' }))).toBe(18);
    expect(defaultCutoff(createConfig({ architecture: 'stylegan2', resolution: 32 }))).toBe(8);
    expect(defaultCutoff(createConfig({ architecture: 'stylegan2', resolution: 512 }))).toBe(16);
  });
});
