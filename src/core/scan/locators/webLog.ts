import type { LineStartLocator } from '../model';

// Web server logs hold numbers that look like replies (`" 502 157`, `/mail/550`) and text anyone can
// write (a URL, a User-Agent saying `said: 550`). A line with an HTTP request line in quotes
// (`"GET /x HTTP/1.1"`: access logs, nginx's error log) is owned here, and nothing is found in it.

/** A line with an HTTP request line in quotes: `"GET /x HTTP/1.1"`. */
export function isWebLogLine(line: string): boolean {
  // A quote is rare in mail logs, and searching for one is fast: it comes first.
  let q = line.indexOf('"');
  for (let k = 0; q >= 0 && k < 16; k++) {
    let i = q + 1;
    while (i - q < 9 && line.charCodeAt(i) >= 65 && line.charCodeAt(i) <= 90) i++;
    if (i > q + 2 && line[i] === ' ') {
      const h = line.indexOf(' HTTP/', i);
      const close = line.indexOf('"', i);
      if (h > 0 && (close < 0 || h < close)) return true;
    }
    q = line.indexOf('"', q + 1);
  }
  return false;
}

export const webLog: LineStartLocator = {
  locate(ctx) {
    return isWebLogLine(ctx.line);
  },
};
