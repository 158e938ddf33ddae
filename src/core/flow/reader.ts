import { readHead, type Head } from './head';
import type { LineEvent } from './events';
import { isExim, readExim } from './mta/exim';
import { readExchange, readExchangeHeader, type ExchangeColumns } from './mta/exchange';
import { isIronPort, readIronPort } from './mta/ironport';
import { isPostfix, readPostfix } from './mta/postfix';
import { isSendmail, readSendmail } from './mta/sendmail';
import { YearInference } from './time';

/** Lines longer than this hold no event we read (a 10 MB line costs what 64 KB do, as in the scanner). */
const MAX_EVENT_LINE = 64 * 1024;

export interface ReaderOptions {
  /** The year of the first syslog time stamp (which has none); by default inferred from `referenceTime`. */
  year?: number;
  /** A time not earlier than the log's last line (its file's modification time); default now. */
  referenceTime?: number;
}

/** Reads the events of a log, line by line: it keeps the year of syslog time stamps and an Exchange header. */
export class EventReader {
  private readonly years: YearInference;
  private exchange: ExchangeColumns | null = null;
  /** The head of the last line read: its time, host and program. */
  readonly head: Head = { time: NaN, host: '', program: '', body: 0 };
  /** The last line read had a head (a time, and a program for syslog lines): it is a log line, not a continuation. */
  headed = false;

  constructor(options: ReaderOptions = {}) {
    this.years = new YearInference(options.year ?? null, options.referenceTime ?? Date.now());
  }

  /** A new file: an Exchange header does not carry over (the year does, for rotated logs read in order). */
  newInput(): void {
    this.exchange = null;
  }

  read(raw: string): LineEvent | null {
    const line = raw.length > MAX_EVENT_LINE ? raw.slice(0, MAX_EVENT_LINE) : raw;
    const head = this.head;
    this.headed = readHead(line, this.years, head);
    if (!this.headed) {
      if (line.startsWith('#Fields: ')) this.exchange = readExchangeHeader(line);
      return null;
    }
    const p = head.program;
    if (p === 'exchange') return this.exchange ? readExchange(line, head, this.exchange) : null;
    if (isPostfix(p)) return readPostfix(line, head);
    if (isExim(p)) return readExim(line, head);
    if (isSendmail(p)) return readSendmail(line, head);
    if (isIronPort(p)) return readIronPort(line, head);
    return null;
  }
}

/** The events of a whole text, with their 0-based line numbers: for tests and small documents. */
export function readEvents(text: string, options: ReaderOptions = {}): { line: number; event: LineEvent }[] {
  const r = new EventReader(options);
  const out: { line: number; event: LineEvent }[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    const e = r.read(l);
    if (e) out.push({ line: i, event: e });
  });
  return out;
}
