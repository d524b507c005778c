import type { ClassInfo } from './class-info.js';
import { DEFAULT_CLASSES } from './default-classes.js';
import { WorkspaceError } from './workspace-error.js';

const PALETTE: [number, number, number][] = [
  [0, 0, 0], [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [255, 0, 255], [0, 255, 255],
  [128, 0, 0], [0, 128, 0], [0, 0, 128], [128, 128, 0], [128, 0, 128], [0, 128, 128], [255, 128, 0],
];

/**
 * Classes from names, with the default colours (`background` black, then red, green, blue, ...;
 * `background,hair` gives exactly {@link DEFAULT_CLASSES}).
 *
 * @param names Class names, background first; 2 to 255 of them, unique.
 * @returns The classes.
 * @throws WorkspaceError for duplicates or a bad count.
 * @example
 * ```ts
 * makeClasses(['background', 'hair', 'skin']);
 * ```
 */
export function makeClasses(names: string[]): ClassInfo[] {
  if (names.length < 2 || names.length > 255) throw new WorkspaceError(`classes: ${names.length} given; expected 2 to 255 names, background first (e.g. background,hair).`);
  const seen = new Set<string>();
  for (const n of names) {
    if (!n || seen.has(n)) throw new WorkspaceError(`classes: "${n}" is empty or repeated; expected unique names.`);
    seen.add(n);
  }
  return names.map((name, i) => {
    const d = DEFAULT_CLASSES.find((c) => c.name === name && DEFAULT_CLASSES.indexOf(c) === i);
    const color = d ? d.color : PALETTE[i] ?? [(i * 67) % 256, (i * 131) % 256, (i * 197) % 256];
    return { name, color: [...color] as [number, number, number] };
  });
}
