// The project's root: the nearest folder above this file that holds package.json. The same code runs from
// test/support/ (mocha, tsx) and bundled into dist/test/extension/ (the extension host), so it walks up.
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(__dirname);
