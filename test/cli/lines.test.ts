import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { InputError, readLines } from '../../src/cli/input';
import { LineSplitter } from '../../src/cli/lines';

function split(chunks: string[], max?: number): { lines: string[]; truncated: number } {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l), max);
  for (const c of chunks) s.push(c);
  s.end();
  return { lines, truncated: s.truncated };
}

/** What a reader of lines expects: split on \n, one \r before it dropped, no empty last line after a final \n. */
function expected(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

function chunksOf(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

async function read(chunks: Buffer[]) {
  const lines: string[] = [];
  const result = await readLines(Readable.from(chunks), 'test', { line: (l) => lines.push(l), afterChunk: () => undefined });
  return { ...result, count: result.lines, lines };
}

describe('cli: line splitting', () => {
  it('gives the same lines however the text is cut into chunks (\\r\\n split across chunks included)', () => {
    fc.assert(fc.property(
      fc.stringMatching(/^[ab\r\n]{0,60}$/),
      fc.array(fc.nat(), { maxLength: 12 }),
      (text, cuts) => {
        assert.deepEqual(split(chunksOf(text, cuts)).lines, expected(text));
      },
    ), { numRuns: 2000 });
  });

  it('cuts a line longer than the limit, counts it, and goes on with the next line', () => {
    const { lines, truncated } = split(['abcdefghij', 'klmnop\nshort\n', 'x'.repeat(30), '\nend'], 8);
    assert.deepEqual(lines, ['abcdefgh', 'short', 'xxxxxxxx', 'end']);
    assert.equal(truncated, 2);
  });

  it('joins a 10 MB line given in 4 KB chunks into one line', () => {
    const piece = 'y'.repeat(4096);
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    for (let i = 0; i < 2560; i++) s.push(piece);
    s.push('\n');
    s.end();
    assert.equal(lines.length, 1);
    assert.equal(lines[0].length, 2560 * 4096);
  });
});

describe('cli: decoding', () => {
  it('does not call a U+FFFD written in the file invalid UTF-8, even cut between chunks', async () => {
    const bytes = Buffer.from('550 5.1.1 caf\uFFFD unknown\n', 'utf8');
    const at = bytes.indexOf(0xef) + 1;
    const r = await read([bytes.subarray(0, at), bytes.subarray(at)]);
    assert.equal(r.invalidUtf8, false);
    assert.deepEqual(r.lines, ['550 5.1.1 caf\uFFFD unknown']);
  });

  it('reports invalid bytes and replaces them, in the middle or cut off at the end', async () => {
    const mid = await read([Buffer.from('bo'), Buffer.from([0xee]), Buffer.from('te pleine\n')]);
    assert.equal(mid.invalidUtf8, true);
    assert.deepEqual(mid.lines, ['bo\uFFFDte pleine']);
    const end = await read([Buffer.from([0x61, 0xc3])]);
    assert.equal(end.invalidUtf8, true);
  });

  it('decodes a multi-byte character cut between chunks', async () => {
    const bytes = Buffer.from('Boîte pleine\n', 'utf8');
    const r = await read([bytes.subarray(0, 3), bytes.subarray(3)]);
    assert.deepEqual([r.lines, r.invalidUtf8], [['Boîte pleine'], false]);
  });

  it('skips a UTF-8 byte-order mark and decodes UTF-16 with one', async () => {
    assert.deepEqual((await read([Buffer.from('\uFEFF250 OK\n', 'utf8')])).lines, ['250 OK']);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('550 5.1.1 x\r\n250 OK', 'utf16le')]);
    assert.deepEqual((await read([le])).lines, ['550 5.1.1 x', '250 OK']);
  });

  it('refuses a NUL byte in the first 8 KB as binary, even when it comes in a later small chunk', async () => {
    const chunks = [Buffer.from('a'.repeat(5000)), Buffer.from('b'.repeat(3000)), Buffer.from([0]), Buffer.from('c'.repeat(100))];
    await assert.rejects(read(chunks), (e: unknown) => e instanceof InputError && /binary file/.test(e.message));
    const late = [Buffer.from('a'.repeat(9000)), Buffer.from([0])];
    assert.equal((await read(late)).lines.length, 1);
  });
});
