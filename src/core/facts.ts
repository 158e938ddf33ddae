import { CODE_FACT_INTROS, DSN_ACTION_MEANINGS, EXIM_FLAG_MEANINGS, POSTFIX_STATUS_MEANINGS, SENDMAIL_STAT_MEANINGS, SENDMAIL_STAT_OTHER } from './data/facts';
import { enhancedMeaning } from './knowledge';
import type { Fact, Position } from './types';

/** The word after `=` or `:` (`status=bounced` → `bounced`, `Action: failed` → `failed`), lower-cased. */
function valueOf(text: string): string {
  const at = text.search(/[=:]/);
  return (at < 0 ? text : text.slice(at + 1)).trim().toLowerCase();
}

function codeSentence(intro: string, code: string): string {
  if (!/^[245]\.\d{1,3}\.\d{1,3}$/.test(code)) return `${intro}.`;
  const m = enhancedMeaning(code);
  const title = m.detail?.title ?? `${m.class.title}: ${m.subject.title}`;
  return `${intro}: ${code}, "${title}".`;
}

/** What an outcome fact means, in one or two sentences; the reply it belongs to says the rest. */
export function factMeaning(fact: Fact): string {
  const value = valueOf(fact.text);
  switch (fact.kind) {
    case 'status': return POSTFIX_STATUS_MEANINGS[value] ?? 'The outcome Postfix recorded for this delivery.';
    case 'flag': return EXIM_FLAG_MEANINGS[fact.text.trim()] ?? 'The delivery flag Exim wrote for this address.';
    case 'stat': return SENDMAIL_STAT_MEANINGS[value.split(/\s/)[0]] ?? SENDMAIL_STAT_OTHER;
    case 'dsn-action': return DSN_ACTION_MEANINGS[value] ?? 'RFC 3464 Action: what the reporting server did with the message for this recipient.';
    case 'dsn': return codeSentence(CODE_FACT_INTROS.dsn, value);
    case 'dsn-status': return codeSentence(CODE_FACT_INTROS['dsn-status'], value.split(/\s/)[0]);
  }
}

function within(r: Fact['range'], p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character < r.end.character);
  return afterStart && beforeEnd;
}

/** The fact of a finding at a position, if any. */
export function factAt(facts: readonly Fact[], p: Position): Fact | undefined {
  return facts.find((f) => within(f.range, p));
}
