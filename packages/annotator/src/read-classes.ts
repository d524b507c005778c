import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotatorError } from './annotator-error.js';

/** One class of a workspace: its name and its display colour. Its id is its index. */
export interface ClassSpec {
  name: string;
  color: [number, number, number];
}

/** The parsed `classes.json` of a workspace. */
export interface ClassesFile {
  classes: ClassSpec[];
  /** The class index meaning "ignore / unlabelled"; always 255. */
  ignore: 255;
}

const EXAMPLE = '{"classes":[{"name":"background","color":[0,0,0]},{"name":"hair","color":[255,0,0]}],"ignore":255}';

/**
 * Reads and checks `<workspace>/classes.json`:
 * `{"classes":[{"name":"background","color":[0,0,0]},{"name":"hair","color":[255,0,0]}],"ignore":255}`.
 * Class ids are the indices in `classes` (0 to 254 at most); `ignore` must be 255 when given.
 *
 * @param workspace the workspace folder
 * @returns the classes and the ignore index
 * @throws AnnotatorError naming the file and the key when it is missing or malformed
 * @example
 * ```ts
 * const { classes } = await readClasses('ws');
 * console.log(classes.map((c) => c.name)); // ['background', 'hair']
 * ```
 */
export async function readClasses(workspace: string): Promise<ClassesFile> {
  const file = join(workspace, 'classes.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new AnnotatorError(`${file} is missing: expected the workspace's classes, for example ${EXAMPLE}`, 500);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AnnotatorError(`${file} is not valid JSON (${(e as Error).message}); expected for example ${EXAMPLE}`, 500);
  }
  const obj = json as { classes?: unknown; ignore?: unknown };
  if (typeof obj !== 'object' || obj === null || !Array.isArray(obj.classes)) {
    throw new AnnotatorError(`${file}: key "classes" must be an array of {name, color}; for example ${EXAMPLE}`, 500);
  }
  if (obj.classes.length < 1 || obj.classes.length > 255) {
    throw new AnnotatorError(`${file}: "classes" has ${obj.classes.length} entries, expected 1 to 255`, 500);
  }
  if (obj.ignore !== undefined && obj.ignore !== 255) {
    throw new AnnotatorError(`${file}: "ignore" is ${JSON.stringify(obj.ignore)}, expected 255`, 500);
  }
  const classes: ClassSpec[] = obj.classes.map((c: unknown, i: number) => {
    const cc = c as { name?: unknown; color?: unknown };
    if (typeof cc !== 'object' || cc === null || typeof cc.name !== 'string' || cc.name.length === 0) {
      throw new AnnotatorError(`${file}: classes[${i}].name must be a non-empty string, found ${JSON.stringify(cc?.name)}`, 500);
    }
    const col = cc.color;
    if (!Array.isArray(col) || col.length !== 3 || !col.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
      throw new AnnotatorError(
        `${file}: classes[${i}].color must be [r, g, b] with integers 0-255, found ${JSON.stringify(col)}`,
        500,
      );
    }
    return { name: cc.name, color: [col[0], col[1], col[2]] };
  });
  return { classes, ignore: 255 };
}
