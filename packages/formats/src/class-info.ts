/**
 * One segmentation class: its name and the colour masks and overlays use for it.
 *
 * @example
 * ```ts
 * const hair: ClassInfo = { name: 'hair', color: [255, 0, 0] };
 * ```
 */
export interface ClassInfo {
  name: string;
  color: [number, number, number];
}

/**
 * `classes.json` of an annotation workspace: the classes (index = position) and the ignore
 * index of class-index masks.
 *
 * @example
 * ```ts
 * const file: ClassesFile = { classes: DEFAULT_CLASSES, ignore: 255 };
 * ```
 */
export interface ClassesFile {
  classes: ClassInfo[];
  ignore: number;
}
