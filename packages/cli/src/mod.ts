/**
 * @module
 * The ganseg command: thin wiring of the @ganseg packages.
 */

export { runCli } from './run-cli.js';
