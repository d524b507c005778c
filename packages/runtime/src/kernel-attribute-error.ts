/**
 * Raised by a kernel that ganseg registered when it is called with attributes it does not
 * support (for example `NCHW` data, or strides and dilations both above 1). The message names the
 * kernel, the attribute, what is supported and what was found.
 *
 * @example
 * ```ts
 * import { KernelAttributeError } from '@ganseg/runtime';
 * try { run(); } catch (e) { if (e instanceof KernelAttributeError) console.error(e.message); }
 * ```
 */
export class KernelAttributeError extends Error {
  override name = 'KernelAttributeError';

  /**
   * @param kernel The kernel name, e.g. `Conv2DBackpropFilter`.
   * @param attr The attribute at fault, e.g. `dataFormat`.
   * @param expected What the kernel supports, in words.
   * @param found What it was given.
   */
  constructor(
    readonly kernel: string,
    readonly attr: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${kernel}: attribute "${attr}" expected ${expected}, found ${found}.`);
  }
}
