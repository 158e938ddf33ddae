import type { FormatLabel } from '../../types';
import type { LineStartLocator } from '../model';
import { codeAt, skipSpaces, trimEnd } from '../text';

// swaks: `<-  250 …` a reply as expected, `<** 550 …` a reply swaks did not expect (an error), `<~`
// and `<~*` the same inside TLS; ` -> ` and ` ~> ` what the client sent. `NNN-` continues a reply.

const SERVER: Readonly<Record<string, boolean>> = { '<- ': false, '<~ ': false, '<**': true, '<~*': true };
const CLIENT = [' -> ', ' ~> '];

function errorLabel(marker: string, digit: string): FormatLabel {
  return { text: marker, class: digit === '4' ? 'transient' : digit === '5' ? 'permanent' : 'unknown' };
}

export const swaks: LineStartLocator = {
  locate(ctx) {
    const { line } = ctx;
    const c = line[0];
    if (c === '<') {
      const marker = line.slice(0, 3);
      const isError = SERVER[marker];
      if (isError === undefined) return false;
      const start = skipSpaces(line, 3, 4);
      const end = trimEnd(line, start, line.length);
      if (codeAt(line, start, end)) {
        ctx.replyLine({ kind: 'swaks', format: 'swaks', start, end, label: isError ? errorLabel(marker.trim(), line[start]) : null });
      }
      return true;
    }
    if (c === ' ' && (line.startsWith(CLIENT[0]) || line.startsWith(CLIENT[1]))) {
      ctx.clientLine(line.slice(4));
      return true;
    }
    return false;
  },
};
