import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClassInfo, ClassesFile } from './class-info.js';
import { IGNORE_INDEX } from './ignore-index.js';
import { WorkspaceError } from './workspace-error.js';

const EXAMPLE = '{"classes":[{"name":"background","color":[0,0,0]},{"name":"hair","color":[255,0,0]}],"ignore":255}';

/**
 * Reads and checks `<folder>/classes.json`, the one parser of that file:
 * `{"classes":[{"name":"background","color":[0,0,0]},{"name":"hair","color":[255,0,0]}],"ignore":255}`.
 * Class ids are the indices in `classes` (1 to 255 entries); `ignore` must be 255
 * ({@link IGNORE_INDEX}) when given; names are non-empty strings, colours `[r, g, b]` integers 0-255.
 *
 * @param folder the workspace (or any folder holding `classes.json`)
 * @returns the classes and the ignore index
 * @throws WorkspaceError naming the file and the key when it is missing or malformed
 * @example
 * ```ts
 * const { classes } = await readClasses('ws');
 * console.log(classes.map((c) => c.name)); // ['background', 'hair']
 * ```
 */
export async function readClasses(folder: string): Promise<ClassesFile> {
  const file = join(folder, 'classes.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new WorkspaceError(
      `${file}: cannot be read (${code}): classes.json is missing; expected the workspace's classes (written by \`ganseg sample\`), for example ${EXAMPLE}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new WorkspaceError(`${file} is not valid JSON (${(e as Error).message}); expected for example ${EXAMPLE}`);
  }
  const obj = json as { classes?: unknown; ignore?: unknown };
  if (typeof obj !== 'object' || obj === null || !Array.isArray(obj.classes)) {
    throw new WorkspaceError(`${file}: key "classes" must be an array of {name, color}; for example ${EXAMPLE}`);
  }
  if (obj.classes.length < 1 || obj.classes.length > 255) {
    throw new WorkspaceError(`${file}: "classes" has ${obj.classes.length} entries, expected 1 to 255`);
  }
  if (obj.ignore !== undefined && obj.ignore !== IGNORE_INDEX) {
    throw new WorkspaceError(`${file}: "ignore" is ${JSON.stringify(obj.ignore)}, expected ${IGNORE_INDEX}`);
  }
  const classes: ClassInfo[] = obj.classes.map((c: unknown, i: number) => {
    const cc = c as { name?: unknown; color?: unknown };
    if (typeof cc !== 'object' || cc === null || typeof cc.name !== 'string' || cc.name.length === 0) {
      throw new WorkspaceError(`${file}: classes[${i}].name must be a non-empty string, found ${JSON.stringify(cc?.name)}`);
    }
    const col = cc.color;
    if (!Array.isArray(col) || col.length !== 3 || !col.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
      throw new WorkspaceError(`${file}: classes[${i}].color must be [r, g, b] with integers 0-255, found ${JSON.stringify(col)}`);
    }
    return { name: cc.name, color: [col[0], col[1], col[2]] };
  });
  return { classes, ignore: IGNORE_INDEX };
}
