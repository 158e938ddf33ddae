// The per-recipient blocks of a `message/delivery-status` part (RFC 3464 §2.3): which recipient, what
// happened (`Action`), its `Status`, and the `Diagnostic-Code` text where it holds no reply code (Postfix's
// `X-Postfix; Host or domain name not found`). The replies with codes are found by the line scanner.
import { readHeaders, type HeaderField } from './mime';

export interface DsnValue {
  text: string;
  /** Local line of the field's first line, and the columns of its value there. */
  line: number;
  start: number;
  /** Last line of the (folded) field, and the end of its value there. */
  endLine: number;
  end: number;
}

export interface DsnBlock {
  recipient: string;
  /** Lower-case `Action` value: failed, delayed, delivered, relayed, expanded (or null). */
  action: string | null;
  status: DsnValue | null;
  /** The diagnostic's words after its type (`smtp;`, `X-Postfix;`), over its continuation lines. */
  diagnostic: DsnValue | null;
  startLine: number;
  endLine: number;
}

/** `rfc822; <a@b>` → `a@b`. */
export function addressOfValue(value: string): string {
  const semi = value.indexOf(';');
  let v = (semi >= 0 && semi < 24 ? value.slice(semi + 1) : value).trim();
  if (v.startsWith('<') && v.endsWith('>')) v = v.slice(1, -1);
  return v.trim();
}

/** `a@b` (or `"a b"@c`): one address, not a source route, a path or a pipe. */
export function isPlainAddress(v: string): boolean {
  const at = v.lastIndexOf('@');
  return at > 0 && at < v.length - 1 && !v.startsWith('@') && !v.includes(':') && !v.includes('/') && !/\s/.test(v.replace(/"[^"]*"/, ''));
}

function valueOf(lines: readonly string[], h: HeaderField, afterType: boolean): DsnValue {
  const first = lines[h.line];
  let start = first.indexOf(':') + 1;
  if (afterType) {
    const semi = first.indexOf(';', start);
    if (semi >= 0 && semi - start < 24) start = semi + 1;
  }
  while (start < first.length && (first[start] === ' ' || first[start] === '\t')) start++;
  const last = lines[h.endLine];
  let end = last.length;
  while (end > 0 && (last[end - 1] === ' ' || last[end - 1] === '\t' || last[end - 1] === '\r')) end--;
  const parts = [first.slice(start).trim()];
  for (let i = h.line + 1; i <= h.endLine; i++) parts.push(lines[i].trim());
  return { text: parts.filter((p) => p !== '').join(' '), line: h.line, start, endLine: h.endLine, end };
}

function blockOf(lines: readonly string[], fields: HeaderField[], endLine: number): DsnBlock | null {
  const get = (name: string) => fields.find((h) => h.name === name);
  const final = get('final-recipient');
  const original = get('original-recipient');
  // A Final-Recipient that is no plain address (a source route `@relay:a@b`, a file or a pipe Exim delivered to)
  // gives way to the Original-Recipient.
  const rcpt = final && (isPlainAddress(addressOfValue(final.value)) || !original) ? final : original;
  if (!rcpt) return null;
  const status = get('status');
  const diag = get('diagnostic-code');
  const action = get('action');
  return {
    recipient: addressOfValue(rcpt.value),
    action: action ? action.value.trim().toLowerCase() : null,
    status: status ? valueOf(lines, status, false) : null,
    diagnostic: diag ? valueOf(lines, diag, true) : null,
    startLine: fields[0].line,
    endLine,
  };
}

/**
 * The recipient blocks of the DSN fields in lines [from, to). Blocks are separated by blank lines, or not
 * at all by some MTAs: a second recipient field then starts the next block.
 */
export function readDsnBlocks(lines: readonly string[], from: number, to: number): DsnBlock[] {
  const out: DsnBlock[] = [];
  let i = from;
  while (i < to) {
    while (i < to && lines[i].trim() === '') i++;
    if (i >= to) break;
    const { headers, headerEnd } = readHeaders(lines, i, to);
    const end = headerEnd > i ? headerEnd : i + 1;
    let group: HeaderField[] = [];
    const close = (endLine: number) => {
      const b = group.length > 0 ? blockOf(lines, group, endLine) : null;
      if (b) out.push(b);
      group = [];
    };
    for (const h of headers) {
      const has = (name: string) => group.some((g) => g.name === name);
      // Original-Recipient may come before or after its Final-Recipient; after Action or Status it opens the next block.
      const next = h.name === 'final-recipient' ? has('final-recipient')
        : h.name === 'original-recipient' && (has('original-recipient') || (has('final-recipient') && (has('action') || has('status'))));
      if (next) close(h.line);
      group.push(h);
    }
    close(end);
    i = end;
  }
  return out;
}
