// smtp-lens: the command-line face of the core. Every failure ends as one `smtp-lens: <message>` line and an exit
// code from the table in USAGE, never as a stack trace.
import { version } from '../../package.json';
import { parseArgs, UsageError, USAGE } from './args';
import { runExplain } from './explainCommand';
import { InputError } from './input';
import type { Io } from './io';
import { Output } from './output';
import { runReport } from './reportCommand';
import { runScan } from './scanCommand';
import { colourWanted } from './terminal';

const EXIT_USAGE = 2;
const EXIT_INPUT = 3;
const EXIT_INTERNAL = 4;

function say(message: string): void {
  process.stderr.write(`smtp-lens: ${message}\n`);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A reader that went away (`| head`) is not an error: stop at once, quietly, as `grep` would. */
function quitOnBrokenPipe(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(0);
  say(`cannot write output: ${err.message}`);
  process.exit(EXIT_INTERNAL);
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    say(`${err.message}\nTry 'smtp-lens --help'.`);
    return EXIT_USAGE;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`smtp-lens ${version}\n`);
    return 0;
  }
  const io: Io = {
    stdin: process.stdin,
    out: new Output(process.stdout),
    warn: say,
    colour: colourWanted(options.color, process.stdout, process.env),
  };
  try {
    const code = options.command === 'explain' ? await runExplain(options, io) : options.command === 'report' ? await runReport(options, io) : await runScan(options, io);
    await io.out.close();
    return code;
  } catch (err) {
    io.out.flush();
    if (err instanceof UsageError) {
      say(`${err.message}\nTry 'smtp-lens --help'.`);
      return EXIT_USAGE;
    }
    if (err instanceof InputError) {
      say(err.message);
      return EXIT_INPUT;
    }
    throw err;
  }
}

process.stdout.on('error', quitOnBrokenPipe);
process.stderr.on('error', () => undefined);
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    say(`internal error: ${messageOf(err)}`);
    process.exit(EXIT_INTERNAL);
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    say(`internal error: ${messageOf(err)}`);
    process.exitCode = EXIT_INTERNAL;
  },
);
