/**
 * Words that give a failure its class when the reply carries no code at all: a bounce's own text ("mailbox is
 * full: retry timeout exceeded"), a delay notice ("will be retried for 2 more days"). A basic or enhanced code
 * always wins, and so does the class a log gives the line (Exim's `**`, `==`); where nothing says, the class
 * stays `unknown`. When a text has words of both classes, the permanent ones win: a final bounce often repeats
 * the temporary error of its last attempt ("… temporary failure … I'm not going to try again").
 *
 * Matching: lower-case substrings of the reply's text, like the text rules. Each row keeps an example the tests
 * explain, and the MTA or provider whose wording it is (Sisimai's lhost modules, BSD-2-Clause, list them).
 */
export interface ClassWords {
  class: 'transient' | 'permanent';
  /** Whose wording: an MTA, a provider, or `generic`. */
  source: string;
  phrases: string[];
  /** A text with no code that these words classify. */
  example: string;
}

export const CLASS_WORDS: readonly ClassWords[] = [
  { class: 'permanent', source: 'generic',
    phrases: ['permanent failure', 'permanent error', 'permanent fatal error', 'permanently failed', 'failed permanently', 'this is a permanent', 'no further delivery attempts', 'no further attempts will be made', 'will not be retried', 'will not retry', 'unrecoverable error', 'fatal error'],
    example: 'Delivery to the following recipient failed permanently: Technical details of permanent failure: The recipient server did not accept our requests to connect.' },
  { class: 'permanent', source: 'Exim',
    phrases: ['retry timeout exceeded', 'have been failing for a long time', 'all hosts have been failing', 'after a long failure period'],
    example: 'mailbox is full: retry timeout exceeded' },
  { class: 'permanent', source: 'qmail',
    phrases: ["i'm not going to try again", 'giving up on '],
    example: "Sorry, I couldn't find any host named example.invalid. I'm not going to try again; this message has been in the queue too long." },
  { class: 'permanent', source: 'Sendmail',
    phrases: ['could not send message for past', 'cannot send message for '],
    example: 'Cannot send message for 5 days' },
  { class: 'permanent', source: 'generic (other languages)',
    phrases: ['dauerhafter fehler', 'permanenter fehler', 'erreur permanente', 'échec permanent', 'echec permanent', 'error permanente', 'errore permanente', 'falha permanente'],
    example: 'Zustellung fehlgeschlagen: dauerhafter Fehler' }, // composed
  { class: 'transient', source: 'Postfix',
    phrases: ['delivery temporarily suspended'],
    example: 'delivery temporarily suspended: connect to mx.example.com[192.0.2.10]:25: Connection timed out' },
  { class: 'transient', source: 'generic',
    phrases: ['will keep trying', 'will be retried', 'will retry', 'will try again', 'still trying', 'delivery attempts will continue', 'will-retry-until', 'has been delayed', 'have been delayed', 'delivery delayed', 'delivery is delayed', 'temporary failure', 'temporarily deferred', 'message is delayed', 'not yet been delivered', 'has not yet been delivered'],
    example: 'Delivery to the following recipient has been delayed: Message will be retried for 2 more day(s)' },
  { class: 'transient', source: 'Exim',
    phrases: ['delay reason:', 'retry time not reached'],
    example: 'retry time not reached for any host' },
  { class: 'transient', source: 'Sendmail',
    phrases: ['deferred: '],
    example: 'Deferred: Connection timed out during user open with example.com' },
  { class: 'transient', source: 'generic (other languages)',
    phrases: ['vorübergehender fehler', 'voruebergehender fehler', 'erreur temporaire', 'échec temporaire', 'error temporal', 'errore temporaneo', 'falha temporária'],
    example: 'Zustellung verzögert: vorübergehender Fehler, wir versuchen es weiter' }, // composed
];
