// One build script for every bundle: `--production` minifies, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * `problems-worker-source`: the problems worker's code as text, for the web extension, which starts its worker from a
 * Blob (VS Code for the Web refuses workers made from an installed extension's files); empty elsewhere (a Node
 * extension host starts dist/problems-worker.js).
 */
const workerSource = (embed) => ({
  name: 'problems-worker-source',
  setup(build) {
    build.onResolve({ filter: /^problems-worker-source$/ }, () => ({ path: 'problems-worker-source', namespace: 'worker-source' }));
    build.onLoad({ filter: /.*/, namespace: 'worker-source' }, async () => {
      if (!embed) return { contents: 'export default "";', loader: 'js' };
      const out = await esbuild.build({ ...common, sourcemap: false, write: false, entryPoints: ['src/extension/problemsWorker.web.ts'],
        platform: 'browser', format: 'iife', target: 'es2022', minify: true });
      return { contents: out.outputFiles[0].text, loader: 'text', watchFiles: out.metafile ? Object.keys(out.metafile.inputs) : [] };
    });
  },
});

/** Each bundle: entry point, output, platform. Later bundles (extension, web, tests) are added here. */
const bundles = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20',
    banner: { js: '#!/usr/bin/env node' } },
  // The extension: desktop/server extension host (Node) and VS Code for the Web (web worker); same source.
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs',
    target: 'node20', external: ['vscode'], plugins: [workerSource(false)] },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs',
    target: 'es2022', external: ['vscode', 'worker_threads'], plugins: [workerSource(true)] },
  // The problems scan's worker thread for a Node extension host (the web extension embeds its own, above).
  { entryPoints: ['src/extension/problemsWorker.node.ts'], outfile: 'dist/problems-worker.js', platform: 'node', format: 'cjs',
    target: 'node20' },
  // The delivery report webview's script (a row reveals its line in the log).
  { entryPoints: ['src/webview/report.ts'], outfile: 'dist/webview/report.js', platform: 'browser', format: 'iife',
    target: 'es2022' },
  // The integration suite and the benchmark, loaded by the extension host (mocha comes from node_modules).
  { entryPoints: [...readdirSync('test/extension').filter((f) => f.endsWith('.ts')).map((f) => `test/extension/${f}`),
    'bench/extension-bench.ts'],
    outdir: 'dist/test/extension', outbase: '.', entryNames: '[name]', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode', 'mocha'], plugins: [workerSource(false)] },
];

const contexts = await Promise.all(bundles.map((b) => esbuild.context({ ...common, ...b })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build started');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
