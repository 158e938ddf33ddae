// The structure of an RFC 5322 message: its header fields and the lines each MIME part occupies in the
// raw text. Nothing is decoded here (postal-mime does that, in decode.ts): knowing where a part sits is
// what lets a finding point into the raw text.

/** One header field, unfolded; `line`…`endLine` (inclusive) are the raw lines it spans. */
export interface HeaderField {
  /** Lower-case name. */
  name: string;
  value: string;
  line: number;
  endLine: number;
}

/** A part with no sub-parts, as lines of the document (`end` exclusive). */
export interface MimeLeaf {
  headers: HeaderField[];
  /** First line of the part's header fields (its boundary line + 1); equal to `bodyStart - 1` when it has none. */
  headerStart: number;
  /** The blank line that ends the header fields (the body starts after it). */
  headerEnd: number;
  bodyStart: number;
  bodyEnd: number;
  /** Lower-case media type, `text/plain` when the part names none (RFC 2045 §5.2). */
  type: string;
  charset: string | null;
  /** Lower-case Content-Transfer-Encoding, `7bit` when none is named. */
  encoding: string;
  disposition: string | null;
}

export interface MessageLayout {
  headers: HeaderField[];
  /** The blank line after the header fields, or `end` when the text has none. */
  headerEnd: number;
  /** The top-level media type (`multipart/report`, `text/plain` …). */
  type: string;
  leaves: MimeLeaf[];
}

/** Multipart nesting deeper than this is read as opaque (real bounces nest three or four deep). */
const MAX_DEPTH = 12;
/** Lines looked at as the boundary a multipart really uses, when the declared one is nowhere. */
const MAX_GUESSES = 4;
/** A header field is at most this many lines; longer runs of indented lines are a body that lost its blank line. */
const MAX_FIELD_LINES = 200;

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

/** `Name:` with a field name of printable ASCII (RFC 5322 §2.2), or -1. */
export function fieldColon(line: string): number {
  const c = line.indexOf(':');
  if (c <= 0 || c > 76) return -1;
  for (let i = 0; i < c; i++) {
    const k = line.charCodeAt(i);
    if (k <= 32 || k >= 127) return -1;
  }
  return c;
}

/** Header fields from `start` up to the first blank line (or a line that is no field), and where they end. */
export function readHeaders(lines: readonly string[], start: number, end: number): { headers: HeaderField[]; headerEnd: number } {
  const headers: HeaderField[] = [];
  let i = start;
  while (i < end) {
    const line = lines[i];
    if (isBlank(line)) break;
    const first = line[0];
    if ((first === ' ' || first === '\t') && headers.length > 0) {
      const h = headers[headers.length - 1];
      if (i - h.line < MAX_FIELD_LINES) {
        h.value += ' ' + line.trim();
        h.endLine = i;
      }
      i++;
      continue;
    }
    const colon = fieldColon(line);
    // An mbox `From ` line, or a `>From ` escape, heads a message without being a field.
    if (colon < 0) {
      if (i === start && line.startsWith('From ')) {
        i++;
        continue;
      }
      // A parameter that lost its folding blank (`Content-Type: multipart/mixed;` then `boundary="…"`).
      const h = headers[headers.length - 1];
      if (h && h.value.endsWith(';') && line.includes('=') && i === h.endLine + 1) {
        h.value += ' ' + line.trim();
        h.endLine = i;
        i++;
        continue;
      }
      break;
    }
    headers.push({ name: line.slice(0, colon).toLowerCase(), value: line.slice(colon + 1).trim(), line: i, endLine: i });
    i++;
  }
  return { headers, headerEnd: i };
}

export function headerValue(headers: readonly HeaderField[], name: string): string | null {
  for (const h of headers) if (h.name === name) return h.value;
  return null;
}

/** `text/plain; charset="utf-8"` → the type and its parameters (lower-case names; quotes removed). */
export function parseContentType(value: string | null): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (!value) return { type: '', params };
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  let i = semi < 0 ? value.length : semi + 1;
  while (i < value.length) {
    while (i < value.length && (value[i] === ' ' || value[i] === '\t' || value[i] === ';')) i++;
    const eq = value.indexOf('=', i);
    if (eq < 0) break;
    const name = value.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (j < value.length && (value[j] === ' ' || value[j] === '\t')) j++;
    let v: string;
    if (value[j] === '"') {
      let k = j + 1;
      let out = '';
      while (k < value.length && value[k] !== '"') {
        if (value[k] === '\\' && k + 1 < value.length) k++;
        out += value[k];
        k++;
      }
      v = out;
      i = k + 1;
    } else {
      let k = j;
      while (k < value.length && value[k] !== ';') k++;
      v = value.slice(j, k).trim();
      i = k;
    }
    if (name && !params.has(name)) params.set(name, v);
  }
  return { type, params };
}

function boundaryLine(line: string, boundary: string): 'part' | 'close' | null {
  if (!line.startsWith('--') || !line.startsWith(boundary, 2)) return null;
  const rest = line.slice(2 + boundary.length);
  if (rest.startsWith('--')) return 'close';
  return isBlank(rest) ? 'part' : null;
}

function leafOf(headers: HeaderField[], headerStart: number, headerEnd: number, bodyEnd: number, fallbackType: string): MimeLeaf {
  const ct = parseContentType(headerValue(headers, 'content-type'));
  const cte = headerValue(headers, 'content-transfer-encoding');
  const cd = headerValue(headers, 'content-disposition');
  return {
    headers,
    headerStart,
    headerEnd,
    bodyStart: Math.min(headerEnd + 1, bodyEnd),
    bodyEnd,
    type: ct.type || fallbackType,
    charset: ct.params.get('charset')?.toLowerCase() ?? null,
    encoding: cte ? cte.trim().toLowerCase() : '7bit',
    disposition: cd ? parseContentType(cd).type : null,
  };
}

/** Splits the body lines [start, end) of a multipart entity at its boundary and reads each part. */
/**
 * The boundary the body really uses when the one declared appears nowhere in it (a message whose header was
 * rewritten, a bounce pasted together): the first `--token` line that comes back later.
 */
function boundaryInBody(lines: readonly string[], from: number, end: number, declared: string | undefined): string | null {
  if (declared) for (let i = from; i < end; i++) if (boundaryLine(lines[i], declared)) return declared;
  // A few candidates only: each costs a pass over the body.
  let tried = 0;
  for (let i = from; i < end && tried < MAX_GUESSES; i++) {
    const l = lines[i];
    if (!l.startsWith('--') || l.length < 10 || l.length > 200 || l.includes(' ')) continue;
    tried++;
    const token = l.slice(2);
    for (let j = i + 1; j < end; j++) if (boundaryLine(lines[j], token)) return token;
  }
  return null;
}

function walk(lines: readonly string[], headers: HeaderField[], headerStart: number, headerEnd: number, end: number, depth: number, fallbackType: string, out: MimeLeaf[]): void {
  const ct = parseContentType(headerValue(headers, 'content-type'));
  const boundary = ct.type.startsWith('multipart/') && depth < MAX_DEPTH ? boundaryInBody(lines, headerEnd + 1, end, ct.params.get('boundary')) : null;
  if (!boundary) {
    // A multipart whose parts cannot be told apart is read as one text.
    const leaf = leafOf(headers, headerStart, headerEnd, end, fallbackType);
    out.push(leaf.type.startsWith('multipart/') ? { ...leaf, type: 'text/plain' } : leaf);
    return;
  }
  // In a multipart/digest, a part without Content-Type is a message/rfc822 (RFC 2046 §5.1.5).
  const childDefault = ct.type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
  let partStart = -1;
  for (let i = headerEnd + 1; i < end; i++) {
    const kind = boundaryLine(lines[i], boundary);
    if (!kind) continue;
    if (partStart >= 0) readPart(lines, partStart, i, depth, childDefault, out);
    if (kind === 'close') return;
    partStart = i + 1;
  }
  // A missing closing boundary (a truncated bounce): the last part runs to the end.
  if (partStart >= 0) readPart(lines, partStart, end, depth, childDefault, out);
  else out.push(leafOf(headers, headerStart, headerEnd, end, fallbackType));
}

/** Fields that open a delivery status report (RFC 3464 §2.2, §2.3), not a MIME part's header. */
const DSN_FIELDS = new Set(['reporting-mta', 'final-recipient', 'original-recipient', 'arrival-date', 'original-envelope-id', 'received-from-mta']);

function readPart(lines: readonly string[], start: number, end: number, depth: number, fallbackType: string, out: MimeLeaf[]): void {
  if (start >= end) return;
  const { headers, headerEnd } = readHeaders(lines, start, end);
  // A part that lost its own header (some MTAs write the DSN fields right after the boundary): its
  // "header fields" are the report itself.
  if (headers.length > 0 && DSN_FIELDS.has(headers[0].name) && !headers.some((h) => h.name.startsWith('content-'))) {
    out.push({ ...leafOf([], start, start - 1, end, 'message/delivery-status'), bodyStart: start });
    return;
  }
  walk(lines, headers, start, headerEnd, end, depth + 1, fallbackType, out);
}

/** The layout of the message in lines [start, end): its header fields and its leaf parts. */
export function readLayout(lines: readonly string[], start: number, end: number): MessageLayout {
  const { headers, headerEnd } = readHeaders(lines, start, end);
  const leaves: MimeLeaf[] = [];
  walk(lines, headers, start, headerEnd, end, 0, 'text/plain', leaves);
  return { headers, headerEnd, type: parseContentType(headerValue(headers, 'content-type')).type || 'text/plain', leaves };
}
