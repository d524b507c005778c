import { cac } from 'cac';
import { registerCommands } from './commands/_all.js';

/**
 * Parses `argv` and runs the matching `ganseg` command.
 *
 * @param argv Full process argv (`process.argv`).
 * @returns Resolves when the command has finished.
 * @example
 * ```ts
 * await runCli(['node', 'ganseg', 'info', '--json']);
 * ```
 */
export async function runCli(argv: string[]): Promise<void> {
  const cli = cac('ganseg');
  registerCommands(cli);
  cli.help();
  cli.version(VERSION);
  cli.parse(argv, { run: false });
  if (!cli.matchedCommand) {
    if (cli.args.length > 0) throw new Error(`unknown command "${cli.args[0]}"; run \`ganseg --help\` for the list.`);
    if (!cli.options.help && !cli.options.version) cli.outputHelp();
    return;
  }
  await cli.runMatchedCommand();
}

const VERSION = '0.1.0';
