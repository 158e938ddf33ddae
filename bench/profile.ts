// The core as it ships: an esbuild bundle (what dist/ holds), not the tsx-transformed sources. tsx keeps
// function names by wrapping every function expression in a `__name()` call, paid each time a closure is
// created: on the scanner's hot path that cost 40% of push's time. The bundle has a source map, so the
// profiler (node:inspector, V8 sampling) names every hot function with its source file and line.
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

type Core = typeof import('../src/core');

export interface Hot {
  /** Share of all samples spent in this function itself. */
  self: number;
  name: string;
  where: string;
}

export interface BundledCore {
  core: Core;
  profile(fn: () => void, top?: number): Promise<Hot[]>;
}

export async function loadBundledCore(root: string, outDir: string): Promise<BundledCore> {
  const outfile = path.join(outDir, 'core-bundle.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'src/core/index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', sourcemap: 'external', logLevel: 'warning',
  });
  const map = new SourceMap(JSON.parse(fs.readFileSync(outfile + '.map', 'utf8')));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(outfile) as Core;
  const url = 'file://' + outfile;

  const where = (frame: { url: string; lineNumber: number; columnNumber: number }): string => {
    if (frame.url === url) {
      const e = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
      if (e.originalSource) return `${path.relative(root, path.resolve(outDir, e.originalSource))}:${(e.originalLine ?? 0) + 1}`;
    }
    if (!frame.url) return '(native)';
    return `${path.relative(root, frame.url.replace(/^file:\/\//, ''))}:${frame.lineNumber + 1}`;
  };

  const profile = async (fn: () => void, top = 16): Promise<Hot[]> => {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    fn();
    const { profile: p } = await session.post('Profiler.stop');
    session.disconnect();
    const total = p.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
    const byFn = new Map<string, Hot>();
    for (const n of p.nodes) {
      const cf = n.callFrame;
      // A regular expression runs as its own frame, named by its source: shorten it to stay on one line.
      const name = (cf.functionName || '(anonymous)').replace(/^(.{60}).+$/s, '$1…');
      const at = where(cf);
      const key = `${name}\u0000${at}`;
      const h = byFn.get(key) ?? { self: 0, name, where: at };
      h.self += (n.hitCount ?? 0) / total;
      byFn.set(key, h);
    }
    return [...byFn.values()].sort((a, b) => b.self - a.self).slice(0, top);
  };
  return { core, profile };
}
