// Time stamps of mail logs, as milliseconds of the log's own wall-clock time read as if it were UTC: a log
// written in local time is reported in that local time, and intervals are right whatever the zone. A written
// offset (`+01:00`, `Z`) is not applied: one server's log has one offset, and its readers think in it.

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function d2(line: string, i: number): number {
  const a = line.charCodeAt(i) - 48;
  const b = line.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function d4(line: string, i: number): number {
  const a = d2(line, i);
  const b = d2(line, i + 2);
  return a < 0 || b < 0 ? -1 : a * 100 + b;
}

/** `hh:mm:ss` at `i` as milliseconds since midnight, or -1. */
export function clockAt(line: string, i: number): number {
  if (line[i + 2] !== ':' || line[i + 5] !== ':') return -1;
  const h = d2(line, i);
  const m = d2(line, i + 3);
  const s = d2(line, i + 6);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return -1;
  return (h * 3600 + m * 60 + s) * 1000;
}

/** Milliseconds after a `.` or `,` at `i` (`.123`, `.123456`), and where they end. */
export function fractionAt(line: string, i: number): { ms: number; end: number } {
  if (line[i] !== '.' && line[i] !== ',') return { ms: 0, end: i };
  let j = i + 1;
  let ms = 0;
  let scale = 100;
  while (j < line.length && j - i <= 9) {
    const c = line.charCodeAt(j) - 48;
    if (c < 0 || c > 9) break;
    ms += c * scale;
    scale /= 10;
    j++;
  }
  return j === i + 1 ? { ms: 0, end: i } : { ms: Math.floor(ms), end: j };
}

/** `Mmm` at `i`: the month's index, or -1 (read without making a string: it runs on every line). */
export function monthAt(line: string, i: number): number {
  const key = (line.charCodeAt(i) << 16) | (line.charCodeAt(i + 1) << 8) | line.charCodeAt(i + 2);
  const m = MONTH_CODES.get(key);
  return m === undefined ? -1 : m;
}

const MONTH_CODES = new Map(Object.entries(MONTHS).map(([name, n]) => [(name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2), n]));

const dayCache = new Map<number, number>();

/** Midnight of a date, cached: a log has few distinct days and millions of lines. */
export function dayStart(year: number, month: number, day: number): number {
  const key = (year * 12 + month) * 32 + day;
  let t = dayCache.get(key);
  if (t === undefined) {
    t = Date.UTC(year, month, day);
    if (dayCache.size > 10_000) dayCache.clear();
    dayCache.set(key, t);
  }
  return t;
}

/**
 * `2026-11-29` followed by `T` or a space and `10:00:01` at `i` (ISO 8601, Exim, Exchange): the time and where it
 * ends (after a fraction and an offset, if any), or null.
 */
export function isoAt(line: string, i: number): { time: number; end: number } | null {
  if (line[i + 4] !== '-' || line[i + 7] !== '-' || (line[i + 10] !== 'T' && line[i + 10] !== ' ')) return null;
  const y = d4(line, i);
  const mo = d2(line, i + 5);
  const d = d2(line, i + 8);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const c = clockAt(line, i + 11);
  if (c < 0) return null;
  const f = fractionAt(line, i + 19);
  let end = f.end;
  if (line[end] === 'Z') end++;
  else if ((line[end] === '+' || line[end] === '-') && d2(line, end + 1) >= 0) {
    // `+01:00` (ISO), `+0100`.
    end += line[end + 3] === ':' ? 6 : 5;
  } else if (line[i + 10] === ' ' && line[end] === ' ' && (line[end + 1] === '+' || line[end + 1] === '-') && d4(line, end + 2) >= 0) {
    // Exim with `log_timezone`: `2026-11-29 10:00:01 +0100`.
    end += 6;
  }
  return { time: dayStart(y, mo - 1, d) + c + f.ms, end };
}

/**
 * Syslog (RFC 3164) writes no year. A log is in time order, so the year is the one of the reference time
 * (the file's modification time: its last line is not later), less one when the first month is later than the
 * reference's month; it goes up by one where the month falls back by more than half a year (December → January).
 */
export class YearInference {
  private year: number | null;
  private lastMonth = -1;

  constructor(year: number | null, private readonly reference: number) {
    this.year = year;
  }

  yearOf(month: number): number {
    if (this.year === null) {
      const ref = new Date(this.reference);
      this.year = month > ref.getUTCMonth() ? ref.getUTCFullYear() - 1 : ref.getUTCFullYear();
    } else if (this.lastMonth >= 0 && this.lastMonth - month > 6) {
      this.year++;
    }
    this.lastMonth = month;
    return this.year;
  }
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `2026-11-29T10:00:01`: the wall-clock time, no zone (see the top of this file). */
export function formatTime(t: number): string {
  if (!Number.isFinite(t)) return '';
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2026-11-29`. */
export function dayKey(t: number): string {
  return formatTime(Math.floor(t / DAY_MS) * DAY_MS).slice(0, 10);
}

/** `2026-11-29T10`. */
export function hourKey(t: number): string {
  return formatTime(Math.floor(t / HOUR_MS) * HOUR_MS).slice(0, 13);
}

/**
 * A time given by a person (`--since`): `2026-11-29`, `2026-11-29T10:00`, `2026-11-29 10:00:05`, in the
 * log's wall-clock time. Null when it is none of these.
 */
export function parseTimeArg(s: string): number | null {
  const t = s.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, se);
}

export { DAY_MS, HOUR_MS };
