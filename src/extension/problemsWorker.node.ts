// The problems scan in a Node worker thread (desktop and server extension hosts).
import { setPriority } from 'os';
import { parentPort } from 'worker_threads';
import { serveProblems, type ToWorker } from './problemsWorker';

// Background work: on Linux a thread has its own nice value, and this one steps back (10) so that the extension host's
// thread, and the garbage collector's helpers it waits for, come first on a busy machine. (Elsewhere the call would
// lower the whole process: not done.)
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not allowed here: the scan runs at the usual priority.
  }
}

const port = parentPort;
if (port) port.on('message', serveProblems((m) => port.postMessage(m)) as (m: ToWorker) => void);
