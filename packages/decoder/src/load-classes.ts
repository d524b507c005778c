import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClassesFile } from './class-info.js';
import { IGNORE_INDEX } from './default-classes.js';
import { WorkspaceError } from './workspace-error.js';

/**
 * Reads and checks a workspace's `classes.json` (`{"classes": [{"name", "color": [r, g, b]}], "ignore": 255}`).
 *
 * @param workspace The workspace folder.
 * @returns The classes file.
 * @throws WorkspaceError naming the file and the bad key.
 * @example
 * ```ts
 * const { classes } = await loadClasses('ws');
 * ```
 */
export async function loadClasses(workspace: string): Promise<ClassesFile> {
  const file = path.join(workspace, 'classes.json');
  let json: ClassesFile;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new WorkspaceError(`${file}: cannot be read (${(e as Error).message}); expected {"classes": [{"name": "background", "color": [0, 0, 0]}, ...], "ignore": 255} (written by \`ganseg sample\`).`);
  }
  if (!json || !Array.isArray(json.classes) || json.classes.length < 2) throw new WorkspaceError(`${file}: "classes" must list at least 2 classes; found ${JSON.stringify(json?.classes)?.slice(0, 80)}.`);
  json.classes.forEach((c, i) => {
    if (typeof c?.name !== 'string' || !Array.isArray(c.color) || c.color.length !== 3 || c.color.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) {
      throw new WorkspaceError(`${file}: classes[${i}] is ${JSON.stringify(c)}; expected {"name": string, "color": [r, g, b]} with 0..255 integers.`);
    }
  });
  const ignore = json.ignore ?? IGNORE_INDEX;
  if (ignore !== IGNORE_INDEX) throw new WorkspaceError(`${file}: "ignore" is ${ignore}; only ${IGNORE_INDEX} is supported.`);
  return { classes: json.classes, ignore };
}
