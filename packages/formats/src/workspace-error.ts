/**
 * Raised for a workspace a user can fix: a missing or malformed `classes.json` or sample file, a
 * mask without its sample. The message names the file and what was expected.
 *
 * @example
 * ```ts
 * try { await loadAnnotations(ws); } catch (e) { if (e instanceof WorkspaceError) console.error(e.message); }
 * ```
 */
export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
}
