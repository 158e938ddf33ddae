// `smtp-lens explain`: one reply from the arguments or stdin, or one reply per stdin line with --batch.
import { explain, renderMarkdown } from '../core';
import { UsageError, type Options } from './args';
import { readLines } from './input';
import type { Io } from './io';
import { makeStyle, printable, renderExplanation } from './terminal';

/** On the command line and in --batch, the two characters `\n` stand for a line break of a multi-line reply. */
export function unescapeLineBreaks(s: string): string {
  return s.includes('\\n') ? s.replace(/\\n/g, '\n') : s;
}

/** The whole of stdin is one reply; replies are short, so reading stops at this many characters. */
const MAX_STDIN_REPLY_CHARS = 1024 * 1024;

export async function runExplain(o: Options, io: Io): Promise<number> {
  if (o.batch) return explainBatch(o, io);
  let reply: string;
  if (o.positionals.length > 0) {
    reply = unescapeLineBreaks(o.positionals.join(' '));
  } else if (io.stdin.isTTY) {
    throw new UsageError('give the reply to explain, e.g. smtp-lens explain "550 5.1.1 User unknown"');
  } else {
    const lines: string[] = [];
    let chars = 0;
    await readLines(io.stdin, '<stdin>', {
      line: (l) => {
        if (chars < MAX_STDIN_REPLY_CHARS) lines.push(l);
        chars += l.length + 1;
      },
      afterChunk: () => undefined,
    });
    reply = lines.join('\n');
    if (reply.trim() === '') throw new UsageError('no reply on stdin: give the reply as TEXT or on stdin');
  }
  const e = explain(reply);
  if (o.json) io.out.line(JSON.stringify(e, null, 2));
  else if (o.markdown) io.out.line(printable(renderMarkdown(e)));
  else io.out.line(renderExplanation(e, makeStyle(io.colour)));
  return 0;
}

async function explainBatch(o: Options, io: Io): Promise<number> {
  const st = makeStyle(io.colour);
  await readLines(io.stdin, '<stdin>', {
    line: (l) => {
      const e = explain(unescapeLineBreaks(l));
      io.out.line(o.json ? JSON.stringify(e) : st.cls(e.class, printable(e.summary)));
    },
    afterChunk: () => io.out.drained(),
  });
  return 0;
}
