import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the install script in a copy of the package (so the real build/ is untouched). */
function install(env: Record<string, string>): { status: number | null; stdout: string; status_json: { ok: boolean; reason: string } } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ganseg-native-install-'));
  try {
    for (const f of ['scripts', 'csrc', 'binding.gyp']) cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
    const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'build-addon.mjs')], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    return { status: r.status, stdout: r.stdout, status_json: JSON.parse(readFileSync(path.join(dir, 'build', 'status.json'), 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the install script', () => {
  it('succeeds without a compiler, says how to get native speed in one line, and records why', () => {
    const r = install({ PATH: '/nonexistent', CXX: '' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/not built \(no C\+\+ compiler.*apt-get install libdnnl-dev/);
    expect(r.status_json).toMatchObject({ ok: false, reason: expect.stringMatching(/no C\+\+ compiler/) });
  });

  it('succeeds without oneDNN headers, naming where it looked', () => {
    const r = install({ DNNL_ROOT: '/nonexistent-onednn' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/not built \(no oneDNN headers \(dnnl\.hpp\) under \/nonexistent-onednn\/include\)/);
    expect(r.status_json.ok).toBe(false);
  });

  it('GANSEG_NATIVE=0 at install skips the build', () => {
    const r = install({ GANSEG_NATIVE: '0' });
    expect(r.status).toBe(0);
    expect(r.status_json).toMatchObject({ ok: false, reason: 'GANSEG_NATIVE=0 at install' });
  });
});
