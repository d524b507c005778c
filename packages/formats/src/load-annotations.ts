import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClassInfo } from './class-info.js';
import { readClasses } from './read-classes.js';
import { loadMask, type MaskFormat } from './load-mask.js';
import { readSampleMeta } from './read-sample-meta.js';
import type { SampleMeta } from './sample-meta.js';
import { WorkspaceError } from './workspace-error.js';

/** An annotated sample: its metadata and its class-index mask. */
export interface AnnotatedSample {
  id: string;
  meta: SampleMeta;
  /** Class ids row-major, 255 = ignore. */
  mask: Uint8Array;
  /** The mask file it was read from. */
  maskFile: string;
}

/** What {@link loadAnnotations} found. */
export interface Annotations {
  classes: ClassInfo[];
  /** Samples with a mask, in id order. */
  samples: AnnotatedSample[];
  /** Ids of samples without a mask (skipped, never used). */
  skipped: string[];
  /** One line a skipped sample or other notice. */
  warnings: string[];
}

/** Options of {@link loadAnnotations}. */
export interface LoadAnnotationsOptions {
  /** Mask format (see `loadMask`); default 'auto'. */
  format?: MaskFormat;
  /** Called with each warning as it is found. */
  onWarning?: (message: string) => void;
}

const MASK_EXTS = ['.png', '.json'];

/**
 * Reads a workspace's annotated samples: `classes.json`, `samples/<id>.json`, and
 * `masks/<id>.png` or `masks/<id>.json` (any format `loadMask` reads). Samples without a mask are
 * skipped with a warning (returned, and passed to `onWarning`), never used.
 *
 * @param workspace The workspace folder.
 * @param options Mask format, warning callback.
 * @returns Classes, annotated samples, skipped ids, warnings.
 * @throws WorkspaceError for a mask without its sample, two masks for one sample, or a bad sample file; MaskError for a bad mask.
 * @example
 * ```ts
 * const { samples, skipped } = await loadAnnotations('ws', { onWarning: console.warn });
 * ```
 */
export async function loadAnnotations(workspace: string, options: LoadAnnotationsOptions = {}): Promise<Annotations> {
  const file = path.join(workspace, 'classes.json');
  const { classes } = await readClasses(workspace);
  if (classes.length < 2) throw new WorkspaceError(`${file}: "classes" must list at least 2 classes to train on; found ${JSON.stringify(classes).slice(0, 80)}.`);
  const sdir = path.join(workspace, 'samples');
  const mdir = path.join(workspace, 'masks');
  let sampleFiles: string[];
  try {
    sampleFiles = (await fs.readdir(sdir)).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
  } catch {
    throw new WorkspaceError(`${sdir}: no samples folder; expected a workspace made by \`ganseg sample\`.`);
  }
  const ids = sampleFiles.map((f) => f.slice(0, -5)).sort();
  const idSet = new Set(ids);
  let maskFiles: string[] = [];
  try {
    maskFiles = (await fs.readdir(mdir)).filter((f) => !f.startsWith('.') && MASK_EXTS.includes(path.extname(f).toLowerCase())).sort();
  } catch {
    maskFiles = [];
  }
  const maskOf = new Map<string, string>();
  for (const f of maskFiles) {
    const id = f.slice(0, -path.extname(f).length);
    if (!idSet.has(id)) throw new WorkspaceError(`${path.join(mdir, f)}: mask without its sample; expected ${path.join(sdir, `${id}.json`)} (ids: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}).`);
    if (maskOf.has(id)) throw new WorkspaceError(`${path.join(mdir, f)}: sample ${id} has two masks (${maskOf.get(id)} too); keep one.`);
    maskOf.set(id, f);
  }
  const samples: AnnotatedSample[] = [];
  const skipped: string[] = [];
  const warnings: string[] = [];
  for (const id of ids) {
    const meta = await readSampleMeta(workspace, id);
    const mf = maskOf.get(id);
    if (!mf) {
      skipped.push(id);
      const w = `sample ${id} has no mask in ${mdir}; skipped (not used for training).`;
      warnings.push(w);
      options.onWarning?.(w);
      continue;
    }
    const maskFile = path.join(mdir, mf);
    const { mask } = await loadMask(maskFile, { classes, width: meta.width, height: meta.height, format: options.format });
    samples.push({ id, meta, mask, maskFile });
  }
  return { classes, samples, skipped, warnings };
}
