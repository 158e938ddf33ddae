import type { Direction, FormatId } from '../../types';
import type { AnchorLocator, LineContext } from '../model';
import { closingQuote, codeAt, trimEnd } from '../text';

// Phrases of other software that introduce a reply, as rows: the phrase, the format it names, and
// where the reply ends. Adding a product is adding a row.

interface Row {
  anchor: string;
  format: FormatId;
  /** `line`: to the end of the line; a quote character: to the matching closing quote. */
  until: 'line' | '"' | "'";
  /** Characters the product appends after the reply (ASSP ends its lines with `;`). */
  trailing?: string;
  /** The phrase ends a line and the reply follows on the next one (bounce messages). */
  nextLine?: boolean;
  /** A second phrase, within 40 characters after the anchor, that the reply follows. */
  then?: string;
  /** Whose reply the phrase introduces; left out: the format's default. */
  direction?: Direction;
  /** A field of the line that says the direction (Oracle's `dr="+"` incoming, `dr="-"` outgoing). */
  directionField?: { key: string; values: Readonly<Record<string, Direction>> };
}

/** Postfix's bounce text: `<bob@example.com>: host mx.example.com[192.0.2.1] said:` ends the line. */
function recipientAtStart(line: string): string | null {
  if (line[0] !== '<') return null;
  const close = line.indexOf('>:');
  return close > 1 && close < 400 ? line.slice(1, close) : null;
}

export const GENERIC_ROWS: readonly Row[] = [
  // ASSP (a proxy in front of this host's server): `… dropping connection - after reply: 535 5.7.8 Error:
  // authentication failed: …;`, `[SMTP Error] 535 …`: what it answered a connecting client.
  { anchor: 'after reply: ', format: 'generic', until: 'line', trailing: ';', direction: 'inbound' },
  { anchor: '[SMTP Error] ', format: 'generic', until: 'line', direction: 'inbound' },
  // PHPMailer: `SMTP ERROR: RCPT TO command failed: 550 5.1.1 …`
  { anchor: 'SMTP ERROR: ', then: ' command failed: ', format: 'transcript', until: 'line' },
  // Oracle Communications Messaging Server XML log: `<co … dr="+" … di="535 5.7.8 Bad username or password …"/>`
  { anchor: ' di="', format: 'generic', until: '"', directionField: { key: ' dr="', values: { '+': 'inbound', '-': 'outbound' } } },
  // Exchange non-delivery reports: `Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'`
  { anchor: 'Remote Server returned \'', format: 'exchange', until: "'", direction: 'outbound' },
  { anchor: 'Remote server returned \'', format: 'exchange', until: "'", direction: 'outbound' },
  // Gmail's and others' bounce text: the reply is on the next line.
  { anchor: 'The response from the remote server was:', format: 'dsn', until: 'line', nextLine: true },
  { anchor: 'The error that the other server returned was:', format: 'dsn', until: 'line', nextLine: true },
  { anchor: 'The response was:', format: 'dsn', until: 'line', nextLine: true },
  // Postfix's bounce text wraps the reply onto the next, indented lines.
  { anchor: '] said:', format: 'postfix', until: 'line', nextLine: true },
];

function locateRow(ctx: LineContext, row: Row, at: number): void {
  const { line } = ctx;
  let start = at + row.anchor.length;
  if (row.then) {
    const t = line.indexOf(row.then, start);
    if (t < 0 || t - start > 40) return;
    start = t + row.then.length;
  }
  if (row.nextLine) {
    // The reply may follow a blank line (`The response was:`, blank, `550 …`).
    if (trimEnd(line, start, line.length) === start) ctx.state.pending = { format: row.format, recipient: recipientAtStart(line), until: ctx.lineNo + 2 };
    return;
  }
  let end: number;
  if (row.until === 'line') {
    end = trimEnd(line, start, line.length);
    while (row.trailing && end > start && row.trailing.includes(line[end - 1])) end--;
  } else {
    end = row.until === "'" ? line.lastIndexOf("'") : closingQuote(line, start);
    if (end <= start) return;
  }
  if (!codeAt(line, start, end)) return;
  const direction = row.directionField ? fieldDirection(line, row.directionField) : row.direction;
  ctx.candidates.push({ start, end, format: row.format, label: null, recipient: null, ...(direction !== undefined ? { direction } : {}) });
}

function fieldDirection(line: string, field: NonNullable<Row['directionField']>): Direction {
  const at = line.indexOf(field.key);
  return at >= 0 ? field.values[line[at + field.key.length]] ?? null : null;
}

export const generic: AnchorLocator = {
  anchors: GENERIC_ROWS.map((r) => r.anchor),
  locate(ctx, hits) {
    for (const h of hits) {
      const row = GENERIC_ROWS.find((r) => r.anchor === h.anchor);
      if (row) locateRow(ctx, row, h.at);
    }
  },
};
