// Test helpers of the cli's command tests: a command run in-process, fixtures by package, and a
// scratch folder with the built `ganseg` binary for the end-to-end flows.
import { execFile } from 'node:child_process';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cac, type CAC } from 'cac';
import { afterAll, onTestFinished, vi } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

/** @returns the path of `rel` inside the workspace package `pkg` (`'stylegan', 'fixtures/res16'`). */
export function _packageFile(pkg: string, rel: string): string {
  return path.resolve(here, '..', '..', '..', pkg, rel);
}

/**
 * Runs `ganseg <args>` in-process on a cli with only the given commands registered.
 * @returns what the command wrote to stdout, when `captureStdout` is set (else nothing is captured)
 */
export async function _runCommand(register: ((cli: CAC) => void)[], args: string[], captureStdout = false): Promise<string> {
  const cli = cac('ganseg');
  for (const r of register) r(cli);
  const out: string[] = [];
  const spy = captureStdout
    ? vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
        out.push(String(s));
        return true;
      })
    : null;
  try {
    cli.parse(['node', 'ganseg', ...args], { run: false });
    await cli.runMatchedCommand();
  } finally {
    spy?.mockRestore();
  }
  return out.join('');
}

/** @returns a fresh scratch folder `<tmp>/<prefix>XXXXXX`, removed when the current test finishes. */
export function _scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A scratch folder (removed after the file's tests) and the built binary to run in it. */
export interface _BinFlow {
  /** the scratch folder */
  root: string;
  /** a path inside the scratch folder */
  p: (...s: string[]) => string;
  /** runs the built `dist/bin.js` with `args` */
  ganseg: (...args: string[]) => Promise<{ stdout: string; stderr: string }>;
}

/** @returns a fresh scratch folder named `<prefix>XXXXXX` and the binary, for an end-to-end flow test. */
export async function _binFlow(prefix: string): Promise<_BinFlow> {
  const bin = path.resolve(here, '..', '..', 'dist', 'bin.js');
  const root = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rm(root, { recursive: true, force: true }));
  return {
    root,
    p: (...s) => path.join(root, ...s),
    ganseg: (...args) => promisify(execFile)(process.execPath, [bin, ...args], { maxBuffer: 1 << 24 }),
  };
}
