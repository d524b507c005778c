import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser modules the page loads from `/app/<name>.js`; nothing else is served there. */
export const _CLIENT_MODULES: readonly string[] = ['_client', '_raster', '_rle'];

const cache = new Map<string, string>();

/**
 * The JavaScript of one browser module. From the built package it is the compiled `dist/<name>.js`
 * beside this file; when running from source (the tests) the `.ts` file is transpiled on the fly
 * with the `typescript` dev dependency, so the tests always exercise the current source.
 */
export async function _readClientModule(name: string): Promise<string> {
  if (!_CLIENT_MODULES.includes(name)) throw new Error(`unknown client module ${name}`);
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const here = dirname(fileURLToPath(import.meta.url));
  const js = join(here, `${name}.js`);
  let code: string;
  if (existsSync(js)) {
    code = (await readFile(js, 'utf8')).replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  } else {
    const ts = await import('typescript');
    const src = await readFile(join(here, `${name}.ts`), 'utf8');
    code = ts.transpileModule(src, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
  }
  cache.set(name, code);
  return code;
}
