import type { ReasonId } from '../vocabulary';

/**
 * Generic words that some servers send whatever the cause ("User unknown"), against an enhanced code whose
 * subject says otherwise. RFC 3463's X.2.x subject is the *mailbox status*: the address is valid and the mailbox
 * exists. NTT docomo answers "550 Unknown user" both for a missing mailbox (Status 5.1.1) and for mail its user's
 * filter refuses (Status 5.2.0: Sisimai's rhost/nttdocomo); Oracle Messaging Server sends "550 5.2.1 … User
 * Unknown" for a mailbox that exists but takes no mail. Such a reply is not a missing address: it is a soft bounce.
 * Only generic wording yields (a provider's own sentence is specific); the enhanced code must be the reply's own or
 * the DSN `Status:` of its recipient.
 */
export interface SubjectOverride {
  /** The reason the generic words gave. */
  textReason: ReasonId;
  /** Enhanced codes as `X.S.D` that contradict it. */
  enhanced: readonly string[];
  reason: ReasonId;
  /** Why, completing "The enhanced code … says …". */
  why: string;
  example: string;
}

export const SUBJECT_OVERRIDES: readonly SubjectOverride[] = [
  { textReason: 'user-unknown', enhanced: ['X.2.0'], reason: 'policy',
    why: 'the mailbox exists (a mailbox status, not an address error), so "unknown user" is a refusal by a filter of the recipient\'s: mobile carriers answer so for mail their users\' filters reject',
    example: '550 5.2.0 Unknown user taro@docomo.example.jp' },
];
