#!/usr/bin/env node
import { runCli } from './run-cli.js';

runCli(process.argv).catch((err: unknown) => {
  const e = err as Error;
  process.stderr.write(`ganseg: ${e?.message ?? String(err)}\n`);
  if (process.env.GANSEG_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  process.exit(1);
});
