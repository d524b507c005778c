#!/usr/bin/env node
// Builds the oneDNN addon (build/Release/ganseg_native.node) with node-gyp, when this machine
// can: a C++ compiler and oneDNN's headers and library. It never fails the install: when the
// addon cannot be built it prints one line saying how to get native speed, records why in
// build/status.json (read by `ganseg info`), and ganseg runs on plain wasm.
//   --if-stale   only build when the addon is missing or older than its sources (turbo's build)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build', 'Release', 'ganseg_native.node');
const statusFile = path.join(root, 'build', 'status.json');
const HOW = 'apt-get install libdnnl-dev (Debian/Ubuntu), brew install onednn, or conda install -c conda-forge onednn; then `pnpm install` again';

function record(ok, reason) {
  mkdirSync(path.dirname(statusFile), { recursive: true });
  const tmp = `${statusFile}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ ok, reason, at: new Date().toISOString() }) + '\n');
  renameSync(tmp, statusFile);
  if (!ok) console.log(`@ganseg/native: not built (${reason}); ganseg runs on plain wasm. For native CPU speed: ${HOW}.`);
}

function newestSource() {
  let t = statSync(path.join(root, 'binding.gyp')).mtimeMs;
  for (const f of readdirSync(path.join(root, 'csrc'))) t = Math.max(t, statSync(path.join(root, 'csrc', f)).mtimeMs);
  return t;
}

if (process.env.GANSEG_NATIVE === '0') {
  record(false, 'GANSEG_NATIVE=0 at install');
  process.exit(0);
}
if (process.argv.includes('--if-stale') && existsSync(out) && statSync(out).mtimeMs >= newestSource()) process.exit(0);

const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
const cxx = process.env.CXX || ['c++', 'g++', 'clang++'].find(which);
if (!cxx || (!process.env.CXX && !which(cxx))) {
  record(false, 'no C++ compiler (c++, g++ or clang++) on PATH');
  process.exit(0);
}
// DNNL_ROOT, when set, is the only place looked at; otherwise the usual prefixes.
const prefixes = process.env.DNNL_ROOT
  ? [process.env.DNNL_ROOT]
  : [process.env.CONDA_PREFIX, '/usr', '/usr/local', '/opt/homebrew', '/opt/intel/oneapi/dnnl/latest'].filter(Boolean);
const incDir = process.env.DNNL_INCLUDE || prefixes.map((p) => path.join(p, 'include')).find((d) => existsSync(path.join(d, 'dnnl.hpp')) || existsSync(path.join(d, 'oneapi', 'dnnl', 'dnnl.hpp')));
if (!incDir) {
  record(false, `no oneDNN headers (dnnl.hpp) under ${prefixes.map((p) => path.join(p, 'include')).join(', ')}`);
  process.exit(0);
}
const libDir = process.env.DNNL_LIB || path.join(path.dirname(incDir), 'lib');

// node-gyp: the one pnpm or npm hands to install scripts, else the one bundled with npm.
const npmGyp = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const gyp = process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp) ? process.env.npm_config_node_gyp : existsSync(npmGyp) ? npmGyp : null;
const gypCmd = gyp ? [process.execPath, gyp] : which('node-gyp') ? ['node-gyp'] : null;
if (!gypCmd) {
  record(false, 'node-gyp not found (it ships with npm)');
  process.exit(0);
}
// Node's own headers, where this Node was installed with them (no download needed).
const nodeDir = path.join(path.dirname(process.execPath), '..');
const nodeDirArgs = existsSync(path.join(nodeDir, 'include', 'node', 'node_api.h')) ? [`--nodedir=${nodeDir}`] : [];
const r = spawnSync(gypCmd[0], [...gypCmd.slice(1), 'rebuild', ...nodeDirArgs], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, DNNL_INCLUDE: incDir, DNNL_LIB: existsSync(libDir) ? libDir : '' },
});
if (r.status !== 0 || !existsSync(out)) {
  const log = path.join(root, 'build', 'build.log');
  mkdirSync(path.dirname(log), { recursive: true });
  writeFileSync(log, `${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error ?? ''}`);
  const first = `${r.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l)) ?? `node-gyp exited with ${r.status}`;
  record(false, `the addon did not compile (${first.trim().slice(0, 200)}; full log: ${log})`);
  process.exit(0);
}
record(true, `built against ${incDir}`);
console.log(`@ganseg/native: built ${path.relative(root, out)} (oneDNN headers in ${incDir})`);
