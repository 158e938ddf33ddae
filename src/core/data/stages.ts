import type { ReasonId } from '../vocabulary';

/**
 * The SMTP command a refusal answered, where the text says so: Postfix's "(in reply to MAIL FROM command)",
 * Exim's "SMTP error from remote mail server after MAIL FROM:<…>", DragonFly's "did not like our final DATA".
 * The same words mean something else at another stage: a bare refusal of the greeting refuses the client; before
 * any recipient is named, "no such domain" is
 * about the sender's own address; after the recipients were accepted, "User unknown" at the end of DATA is a
 * filter's refusal (Japanese carriers answer so for mail their users' filters reject), not a missing mailbox.
 */
export type Stage = 'connect' | 'mail' | 'data';

export interface StageWords {
  stage: Stage;
  /** Lower-case phrases, looked for in the whole text given to `explain` (what precedes the code too). */
  phrases: string[];
  example: string;
}

export const STAGE_WORDS: readonly StageWords[] = [
  // Refusals of the connection or of the client's greeting (Exim writes "SMTP error" only for a reply; a
  // timeout is an "SMTP timeout"), and qmail's "Connected to HOST but my name was rejected."
  { stage: 'connect', phrases: ['error from remote mail server after initial connection', 'error from remote mail server after ehlo', 'error from remote mail server after helo', 'in reply to ehlo command', 'in reply to helo command', 'but my name was rejected', 'but greeting failed'],
    example: 'host mx.example.net [192.0.2.222] SMTP error from remote mail server after EHLO client.example.com: 550 Rejected' },
  { stage: 'mail', phrases: ['in reply to mail from command', 'in reply to mail command', 'after mail from:', 'after mail from ', 'but sender was rejected'],
    example: 'host mx.example.jp[192.0.2.22] said: 550 5.1.7 <jane@example.invalid>: no such domain (in reply to MAIL FROM command)' },
  { stage: 'data', phrases: ['in reply to end of data command', 'after end of data', 'did not like our final data', 'did not like our data'],
    example: 'host mfsmax.docomo.ne.jp[192.0.2.240] said: 550 Unknown user taro@docomo.example.jp (in reply to end of DATA command)' },
];

/**
 * What a reason read from the words (or a bare basic code) becomes when the refusal answered that command.
 * At MAIL FROM it applies whatever said it; after DATA, not where the enhanced code says the same (5.1.1).
 */
export const REASON_AT_STAGE: Readonly<Record<Stage, Partial<Record<ReasonId, ReasonId>>>> = {
  // Refused before any address was given: the server refuses the client itself (its IP, its name). An expiry
  // after such a refusal takes the refusal's reason.
  connect: { 'unknown': 'policy', 'expired': 'policy' },
  mail: {
    'user-unknown': 'sender-rejected', 'mailbox-disabled': 'sender-rejected', 'mailbox-moved': 'sender-rejected',
    'domain-unknown': 'sender-rejected', 'domain-not-accepting': 'sender-rejected',
  },
  data: { 'user-unknown': 'policy' },
};
