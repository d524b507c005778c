import { describe, expect, it } from 'vitest';
import { builtModuleUrl } from './built-module-url.js';

describe('builtModuleUrl', () => {
  it('takes the sibling when it exists, else the one in ../dist', () => {
    // this test file exists beside itself; a .js twin of it does not (tests run from src/)
    const self = new URL(import.meta.url).pathname.split('/').pop() as string;
    expect(builtModuleUrl(import.meta.url, self).href).toBe(new URL(`./${self}`, import.meta.url).href);
    expect(builtModuleUrl(import.meta.url, 'worker-pool.js').href).toBe(new URL('../dist/worker-pool.js', import.meta.url).href);
  });
});
