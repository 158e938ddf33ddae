import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { explain } from '../../src/core/explain';
import type { ReasonId } from '../../src/core/vocabulary';

// Replies composed from Sisimai's reason lists and provider tables (test/fixtures/sisimai-tables/): how many we
// read as Sisimai files them. The floors are the figures reached, a little under, so a change to the text rules
// cannot silently lose a family of wordings.

/** Sisimai's reason → the ids that count as right (as in the bounce corpus's labels). */
const MAPPING: Readonly<Record<string, readonly ReasonId[]>> = {
  userunknown: ['user-unknown'], filtered: ['user-unknown', 'policy'], hasmoved: ['mailbox-moved'],
  suspend: ['mailbox-disabled'], hostunknown: ['domain-unknown'], notaccept: ['domain-not-accepting', 'domain-unknown'],
  mailboxfull: ['mailbox-full'], exceedlimit: ['message-too-large'], mesgtoobig: ['message-too-large'],
  emailtoolarge: ['message-too-large'], systemfull: ['server-error', 'mailbox-full'], authfailure: ['sender-auth-failed'],
  requireptr: ['reverse-dns'], failedstarttls: ['tls-required'],
  securityerror: ['auth-required', 'auth-failed', 'tls-required', 'policy'],
  blocked: ['blocklisted', 'reputation', 'policy'], badreputation: ['reputation', 'rate-limited'],
  spamdetected: ['spam'], virusdetected: ['virus'], policyviolation: ['policy', 'content-invalid'],
  rejected: ['sender-rejected', 'policy'], norelaying: ['relay-denied'], contenterror: ['content-invalid'],
  notcompliantrfc: ['content-invalid'], speeding: ['rate-limited'], toomanyconn: ['rate-limited'],
  ratelimited: ['rate-limited'], expired: ['expired'], networkerror: ['network', 'routing-loop', 'domain-unknown'],
  systemerror: ['server-error', 'server-unavailable'], mailererror: ['server-error'], syntaxerror: ['protocol'],
};

/** Share of lines read as Sisimai files them: the generic lists, and the providers' tables. */
const FLOORS = { reason: 78.5, rhost: 84.5 };

interface Row { source: string; sisimai: string; reply: string }

const rows: Row[] = readFileSync(join(__dirname, '../fixtures/sisimai-tables/replies.tsv'), 'utf8')
  .trim().split('\n').slice(1).map((l) => {
    const [source, sisimai, reply] = l.split('\t');
    return { source, sisimai, reply };
  });

describe('Sisimai\'s reason lists and provider tables, as replies', () => {
  it('every line has a reason the mapping knows', () => {
    assert.ok(rows.length > 1000);
    for (const r of rows) assert.ok(MAPPING[r.sisimai], `${r.source}: ${r.sisimai}`);
  });

  for (const kind of ['reason', 'rhost'] as const) {
    it(`${kind === 'reason' ? 'the generic reason lists' : 'the providers\' tables'}: at least ${FLOORS[kind]}% read as Sisimai files them`, () => {
      const mine = rows.filter((r) => r.source.startsWith(`${kind}/`));
      const misses = mine.filter((r) => !MAPPING[r.sisimai].includes(explain(r.reply).reason));
      const pct = (100 * (mine.length - misses.length)) / mine.length;
      assert.ok(pct >= FLOORS[kind], `${pct.toFixed(1)}% < ${FLOORS[kind]}%; for example:\n${misses.slice(0, 20).map((r) => `${r.source}: ${r.reply} (${r.sisimai})`).join('\n')}`);
    });
  }
});
