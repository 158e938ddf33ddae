// The problems scan in a web worker (VS Code for the Web: the extension host is itself a web worker).
import { serveProblems, type ToWorker } from './problemsWorker';

interface WorkerScope {
  postMessage(m: unknown): void;
  onmessage: ((e: { data: ToWorker }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const handle = serveProblems((m) => scope.postMessage(m));
scope.onmessage = (e) => handle(e.data);
