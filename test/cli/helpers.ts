// Running the built CLI as a user would: `node dist/cli.js …`, with stdin, stdout, stderr and the exit code.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** The bundle under test; SMTP_LENS_CLI points elsewhere (e.g. a production build) when set. */
export const CLI = process.env.SMTP_LENS_CLI ? path.resolve(process.env.SMTP_LENS_CLI) : path.join(ROOT, 'dist/cli.js');
export const SAMPLE = 'samples/maillog.sample';
export const FIXTURES = path.join(__dirname, 'fixtures');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function requireBuild(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build it first with \`node esbuild.mjs\``);
}

export function run(args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function tempDir(): { dir: string; file(name: string, content: string | Buffer): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-lens-cli-test-'));
  return {
    dir,
    file(name, content) {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Nothing a user sees may look like a Node stack trace. */
export function noStackTrace(text: string): boolean {
  return !/^\s+at .+[(:]\d+/m.test(text) && !/\b(TypeError|ReferenceError|RangeError)\b/.test(text);
}

/** ANSI SGR sequences in output: `hasSgr(s)` any, `hasSgr(s, '31')` that colour. */
export function hasSgr(text: string, code?: string): boolean {
  return code ? text.includes(`\x1b[${code}m`) : text.includes('\x1b[');
}
