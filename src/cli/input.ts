// Reading one input (a file or stdin) as lines: refuses directories and binary files, decodes UTF-8 (or UTF-16
// with a byte-order mark), and reports invalid UTF-8 instead of failing on it.
import * as fs from 'node:fs';
import { TextDecoder } from 'node:util';
import { isEmailStart } from '../core';
import { LineSplitter } from './lines';

/** An input that cannot be read at all: the CLI reports it and exits 3 after the other inputs. */
export class InputError extends Error {}

/** Bytes looked at to decide "binary": the same rule as grep and git (a NUL byte near the start). */
const SNIFF_BYTES = 8192;
// 64 KB, Node's default. 256 KB chunks fall above glibc's mmap threshold and each costs fresh page faults:
// reading bench/out/bench-mail.log ten times over took 3× the system time and 30% more wall time with them.
const CHUNK_BYTES = 64 * 1024;
const REPLACEMENT = '\uFFFD';
const REPLACEMENT_UTF8 = Buffer.from(REPLACEMENT, 'utf8');

export interface ReadResult {
  lines: number;
  /** Lines cut at MAX_LINE_CHARS. */
  truncated: number;
  /** The input was not valid UTF-8 and was decoded with U+FFFD replacement characters. */
  invalidUtf8: boolean;
}

export interface LineSink {
  line(text: string): void;
  /** Called after each chunk: the place to wait for a slow stdout, so input is read no faster than output drains. */
  afterChunk(): Promise<void> | void;
}

/** Opens a path for reading, turning the usual failures into one-line messages. */
export function openInput(path: string): fs.ReadStream {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (err) {
    throw new InputError(`${path}: ${describeFsError(err)}`);
  }
  try {
    if (fs.fstatSync(fd).isDirectory()) throw new InputError(`${path}: is a directory`);
  } catch (err) {
    fs.closeSync(fd);
    throw err instanceof InputError ? err : new InputError(`${path}: ${describeFsError(err)}`);
  }
  return fs.createReadStream(path, { fd, highWaterMark: CHUNK_BYTES });
}

/** Stdin as an input: a directory redirected to it (`scan - < dir`) would otherwise read as empty. */
export function stdinInput(stdin: NodeJS.ReadStream, name: string): NodeJS.ReadStream {
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd === 'number') {
    let isDir = false;
    try {
      isDir = fs.fstatSync(fd).isDirectory();
    } catch {
      // Not a file descriptor fstat understands (a closed pipe): read it as it is.
    }
    if (isDir) throw new InputError(`${name}: is a directory`);
  }
  return stdin;
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    default: return err instanceof Error ? err.message : String(err);
  }
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

function byteOrderMark(head: Buffer): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * Counts U+FFFD that stand for invalid bytes rather than for a U+FFFD written in the file. `prevTail` holds the
 * last two bytes of the previous chunk, because the decoder emits a character in the chunk where it ends.
 */
function invalidBytesIn(text: string, chunk: Buffer, prevTail: Buffer): boolean {
  let decoded = 0;
  for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) decoded++;
  const raw = Buffer.concat([prevTail, chunk]);
  let literal = 0;
  for (let i = raw.indexOf(REPLACEMENT_UTF8); i >= 0; i = raw.indexOf(REPLACEMENT_UTF8, i + 1)) literal++;
  return decoded > literal;
}

/** True when the first line of `head` opens an email (a header field, an mbox `From ` line). */
function startsAsEmail(head: Buffer): boolean {
  const nl = head.indexOf(10);
  const first = head.subarray(0, nl < 0 ? Math.min(head.length, 1024) : Math.min(nl, 1024));
  if (first.includes(0)) return false;
  return isEmailStart(first.toString('utf8').replace(/\r$/, ''));
}

/** Reads `stream` to its end, handing each line to `sink`. Throws InputError for a binary input. */
export async function readLines(stream: NodeJS.ReadableStream, name: string, sink: LineSink): Promise<ReadResult> {
  const splitter = new LineSplitter((l) => sink.line(l));
  let decoder: TextDecoder | null = null;
  let checkUtf8 = false;
  let invalidUtf8 = false;
  let tail: Buffer = Buffer.alloc(0);
  let head: Buffer[] = [];
  let headBytes = 0;
  // Bytes looked at for NUL so far. Each chunk is checked as it comes rather than waiting for 8 KB, so that
  // `tail -f mail.log | smtp-lens scan` prints at once; a NUL late in the first 8 KB of a pipe stops it there.
  let sniffed = SNIFF_BYTES;

  const feed = (chunk: Buffer): void => {
    if (sniffed < SNIFF_BYTES) {
      if (chunk.subarray(0, SNIFF_BYTES - sniffed).includes(0)) throw new InputError(`${name}: binary file, skipped`);
      sniffed += chunk.length;
    }
    const text = decoder!.decode(chunk, { stream: true });
    if (checkUtf8 && !invalidUtf8 && text.includes(REPLACEMENT)) invalidUtf8 = invalidBytesIn(text, chunk, tail);
    if (checkUtf8) tail = chunk.subarray(Math.max(0, chunk.length - 2));
    splitter.push(text);
  };
  const start = (first: Buffer): void => {
    const encoding = byteOrderMark(first);
    // The decoder drops a byte-order mark, so columns count from the first real character.
    decoder = new TextDecoder(encoding);
    checkUtf8 = encoding === 'utf-8';
    // An email is text even with a stray NUL byte in it (a mailbox tool's padding, a NUL at the end of a
    // saved bounce): its first line, a header field, says what it is better than a NUL does.
    if (checkUtf8 && !startsAsEmail(first)) sniffed = 0;
    feed(first);
  };

  try {
    for await (const data of stream) {
      const chunk = typeof data === 'string' ? Buffer.from(data) : (data as Buffer);
      if (decoder === null) {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes < 2) continue;
        start(Buffer.concat(head));
        head = [];
      } else {
        feed(chunk);
      }
      await sink.afterChunk();
    }
  } catch (err) {
    // Only the stream's own failures (EIO, EISDIR on a FIFO…) are input errors; a bug elsewhere stays a bug.
    const sys = err as NodeJS.ErrnoException;
    if (err instanceof Error && typeof sys.syscall === 'string') throw new InputError(`${name}: ${describeFsError(err)}`);
    throw err;
  }
  if (decoder === null) start(Buffer.concat(head));
  const rest = (decoder as TextDecoder | null)!.decode();
  if (checkUtf8 && !invalidUtf8 && rest.includes(REPLACEMENT)) invalidUtf8 = true;
  splitter.push(rest);
  splitter.end();
  return { lines: splitter.lines, truncated: splitter.truncated, invalidUtf8 };
}
