import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';

// Runs the built binary, as a user would: `turbo run test` builds first.
const cliDir = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

function ganseg(args: string[], env: Record<string, string | undefined> = {}): { status: number | null; stdout: string; stderr: string } {
  const base = { ...process.env };
  delete base.GANSEG_BACKEND;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: cliDir, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ganseg info', () => {
  it('is built', () => {
    expect(existsSync(bin), `${bin} is missing: build the cli first`).toBe(true);
  });

  it('--json prints exactly {backend, tfjs, workers, gpu, native}: wasm here, one worker per core, no GPU', () => {
    const r = ganseg(['info', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(1);
    const info = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(info)).toEqual(['backend', 'tfjs', 'workers', 'gpu', 'native']);
    expect(info).toMatchObject({ backend: 'wasm', tfjs: tf.version_core, workers: os.availableParallelism(), gpu: false });
    const native = info.native as { enabled: boolean; reason: string | null; onednn?: string; kernels: string[] };
    // either the oneDNN kernels with their version, or a one-line reason (CI requires them: GANSEG_NATIVE=require)
    if (native.enabled) {
      expect(native.onednn).toMatch(/^\d+\.\d+\.\d+$/);
      expect(native.kernels).toContain('Conv2DBackpropFilter');
    } else {
      expect(native.reason).toMatch(/\S/);
      expect(process.env.GANSEG_NATIVE).not.toBe('require');
    }
  }, 60_000);

  it('honours GANSEG_BACKEND, and names a bad one', () => {
    expect(JSON.parse(ganseg(['info', '--json'], { GANSEG_BACKEND: 'cpu' }).stdout).backend).toBe('cpu');
    const bad = ganseg(['info', '--json'], { GANSEG_BACKEND: 'webgpu' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Unknown backend "webgpu" \(from GANSEG_BACKEND\); expected one of tensorflow, wasm, cpu/);
  }, 60_000);

  it('in words: backend, version, workers, the wasm training kernels, and how to add a CUDA GPU', () => {
    const r = ganseg(['info']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^backend  wasm \(/m);
    expect(r.stdout).toMatch(/^native   (oneDNN \d+\.\d+\.\d+ \(|no: \S)/m);
    expect(r.stdout).toContain(`tfjs     ${tf.version_core}`);
    expect(r.stdout).toContain(`workers  ${os.availableParallelism()}`);
    expect(r.stdout).toMatch(/kernels  \d+ added for training on wasm: Conv2DBackpropFilter, /);
    expect(r.stdout).toContain('@tensorflow/tfjs-node-gpu');
  }, 60_000);
});
