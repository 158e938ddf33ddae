import { explain } from './explain';
import { locateCodes } from './parse';
import { isWebLogLine } from './scan/locators/webLog';

/**
 * The reply a line of text holds when the scanner found none there (a format it does not know, a reply
 * quoted in a note): from its first reply code to the end of the line, or the whole line when it holds only a
 * reply's words (`Unrouteable address`). Null when it holds neither, and for web server log lines, whose
 * numbers are HTTP statuses.
 */
export function replyInLine(line: string): string | null {
  const text = line.trim();
  if (text === '' || isWebLogLine(text)) return null;
  const spans = locateCodes(text);
  if (spans) return text.slice(spans.code !== null ? spans.codeStart : spans.enhancedStart);
  return explain(text).reason !== 'unknown' ? text : null;
}
