// Decoding a MIME part's body (quoted-printable, base64, charsets such as ISO-2022-JP and Shift_JIS, HTML)
// with postal-mime, which runs in Node and in the browser alike. Each part is handed over as a small message
// of its own (its header fields and its body), so that its place in the raw text stays known to the caller.
// `decodeWords` is a named export: the CommonJS build the bundles use has no static `PostalMime.decodeWords`
// (only the ES module build, which the tests run, has both).
import PostalMime, { decodeWords } from 'postal-mime';
import type { MimeLeaf } from './mime';

/** Charsets whose bytes are the text's own: a part in one of them and in 7bit/8bit needs no decoding. */
const PLAIN_CHARSETS = new Set(['us-ascii', 'ascii', 'utf-8', 'utf8', 'iso-8859-1', 'latin1', 'windows-1252']);
const IDENTITY_ENCODINGS = new Set(['7bit', '8bit', 'binary', '']);

/** Media types whose body is read for replies; the returned message (`message/rfc822`, headers) is not. */
export const READ_TYPES = new Set(['text/plain', 'text/html', 'message/delivery-status', 'message/global-delivery-status', 'text/enriched']);

/**
 * True when the part's raw lines are not its text: an encoded body, HTML, or a 7-bit charset with escape
 * sequences (ISO-2022-JP). A part in another charset whose body is plain ASCII reads the same decoded or not,
 * so it is read raw, with exact ranges; so is an 8-bit body, which the reader of the document (the editor,
 * the CLI) has already turned into text: its bytes are gone, and decoding that text again would garble it.
 */
export function needsDecoding(leaf: MimeLeaf, lines: readonly string[]): boolean {
  if (!IDENTITY_ENCODINGS.has(leaf.encoding)) return true;
  if (leaf.type === 'text/html') return true;
  if (leaf.charset === null || PLAIN_CHARSETS.has(leaf.charset)) return false;
  for (let i = leaf.bodyStart; i < leaf.bodyEnd; i++) if (lines[i].includes('\x1b')) return true;
  return false;
}

/** The part's text after decoding, or null when postal-mime cannot read it. */
export async function decodeLeaf(leaf: MimeLeaf, lines: readonly string[]): Promise<string | null> {
  const head: string[] = [];
  for (const h of leaf.headers) if (h.name.startsWith('content-')) head.push(...lines.slice(h.line, h.endLine + 1));
  const body = lines.slice(leaf.bodyStart, leaf.bodyEnd).join('\n');
  let source: string;
  if (leaf.type === 'text/html') {
    // postal-mime renders an HTML part as text when the message also has a plain-text part: an empty one
    // is put beside it, so that its own HTML-to-text conversion is used rather than a second one here.
    source = `Content-Type: multipart/mixed; boundary="=smtp-lens="\n\n--=smtp-lens=\nContent-Type: text/plain\n\n\n--=smtp-lens=\n${head.join('\n')}\n\n${body}\n--=smtp-lens=--\n`;
  } else {
    source = `${head.join('\n')}\n\n${body}\n`;
  }
  try {
    const email = await PostalMime.parse(source, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 8 });
    if (leaf.type.startsWith('text/')) return email.text ?? null;
    const a = email.attachments[0];
    if (!a) return email.text ?? null;
    return typeof a.content === 'string' ? a.content : new TextDecoder('utf-8').decode(a.content);
  } catch {
    return null;
  }
}

/** An RFC 2047 header value (`=?UTF-8?B?…?=`) as text. */
export function decodeHeaderValue(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}
