// The web worker's bundled source, as text (esbuild.mjs makes this module: empty in the Node bundle, which starts its
// worker from dist/problems-worker.js instead).
declare module 'problems-worker-source' {
  const source: string;
  export default source;
}
