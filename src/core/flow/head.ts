import { clockAt, dayStart, fractionAt, isoAt, monthAt, type YearInference } from './time';

// The head of a log line: its time, host and program, and where the program's message starts. Read with
// character tests, no regular expression, on every line of a log:
//   Mar 30 09:00:01 mx1 postfix/smtp[2204]: …            RFC 3164 syslog (no year)
//   2026-03-30T09:00:01.123456+02:00 mx1 postfix/smtp[2204]: …   syslog with ISO 8601 time
//   <22>Mar 30 09:00:01 mx1 postfix/smtp[2204]: …        with a syslog priority
//   2026-03-30 09:00:01 1a2B3c-000Abc-De <= …            Exim's own log (program `exim`)
//   Mon Mar 30 09:00:01 2026 Info: Start MID 5001 …      IronPort's own mail_logs (program `mail_logs`)
//   2026-03-30T10:00:01.000Z,10.0.0.5,EX01,…             an Exchange CSV row (program `exchange`)

/** A line's head; `time` is NaN and `body` 0 when the line has none. */
export interface Head {
  time: number;
  host: string;
  /** Without its `[pid]`: `postfix/smtp`, `exim`, `sendmail`, `mail_logs`, `exchange`. */
  program: string;
  body: number;
}

const MAX_PROGRAM = 80;

function isDigitAt(line: string, i: number): boolean {
  const c = line.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** `s` when the line holds it at [from, to), else the slice: most lines repeat the host and program of the last. */
function same(line: string, from: number, to: number, s: string): string {
  return s.length === to - from && line.startsWith(s, from) ? s : line.slice(from, to);
}

/** `host program[pid]: ` from `i`: fills host, program and body; false when the shape is not there. */
function readHostProgram(line: string, i: number, out: Head): boolean {
  const sp = line.indexOf(' ', i);
  if (sp < 0 || sp - i > 255) return false;
  out.host = same(line, i, sp, out.host);
  const p = sp + 1;
  const colon = line.indexOf(': ', p);
  if (colon < 0 || colon - p > MAX_PROGRAM) {
    // `host program[pid]:` at the end of the line, or a message with no program.
    out.program = '';
    out.body = p;
    return true;
  }
  let end = colon;
  if (line[end - 1] === ']') {
    const open = line.lastIndexOf('[', end);
    if (open > p) end = open;
  }
  // A program name holds no blank: `Info: …` after a host is a message, not a program.
  const name = same(line, p, end, out.program);
  if (name.includes(' ')) {
    out.program = '';
    out.body = p;
    return true;
  }
  out.program = name;
  out.body = colon + 2;
  return true;
}

/** Reads the head of `line` into `out`, whose host and program from the line before are reused when they repeat. */
export function readHead(line: string, years: YearInference, out: Head): boolean {
  out.time = NaN;
  out.body = 0;
  let i = 0;
  if (line[0] === '<') {
    // `<22>`: a syslog priority kept by the collector.
    const close = line.indexOf('>', 1);
    if (close > 1 && close <= 4 && isDigitAt(line, 1)) i = close + 1;
  }
  if (isDigitAt(line, i)) {
    const iso = isoAt(line, i);
    if (!iso) return false;
    out.time = iso.time;
    if (line[iso.end] === ',') {
      out.host = '';
      out.program = 'exchange';
      return true;
    }
    if (line[i + 10] === ' ') {
      // Exim's own log: the message follows the time (and `[pid] ` with log_selector +pid).
      out.host = '';
      out.program = 'exim';
      let b = iso.end + 1;
      if (line[b] === '[') {
        const close = line.indexOf('] ', b);
        if (close > 0 && close - b < 12) b = close + 2;
      }
      out.body = b;
      return true;
    }
    return line[iso.end] === ' ' && readHostProgram(line, iso.end + 1, out);
  }
  const month = monthAt(line, i);
  if (month >= 0 && line[i + 3] === ' ') {
    // `Mar 30 09:00:01 host program[pid]: `; the day may be space-padded (`Apr  2`).
    const day = line[i + 4] === ' ' ? line.charCodeAt(i + 5) - 48 : (line.charCodeAt(i + 4) - 48) * 10 + line.charCodeAt(i + 5) - 48;
    const clock = clockAt(line, i + 7);
    if (!(day >= 1 && day <= 31) || clock < 0 || line[i + 6] !== ' ') return false;
    const f = fractionAt(line, i + 15);
    out.time = dayStart(years.yearOf(month), month, day) + clock + f.ms;
    return line[f.end] === ' ' && readHostProgram(line, f.end + 1, out);
  }
  // IronPort's own format: `Mon Mar 30 09:00:01 2026 Info: …` (ctime, with the year).
  const m2 = monthAt(line, i + 4);
  if (m2 >= 0 && line[i + 3] === ' ' && line[i + 7] === ' ') {
    const day = line[i + 8] === ' ' ? line.charCodeAt(i + 9) - 48 : (line.charCodeAt(i + 8) - 48) * 10 + line.charCodeAt(i + 9) - 48;
    const clock = clockAt(line, i + 11);
    const year = Number(line.slice(i + 20, i + 24));
    if (!(day >= 1 && day <= 31) || clock < 0 || !(year > 1970) || line[i + 24] !== ' ') return false;
    out.time = dayStart(year, m2, day) + clock;
    out.host = '';
    out.program = 'mail_logs';
    out.body = i + 25;
    return true;
  }
  return false;
}
