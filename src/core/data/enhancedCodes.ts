import type { ReasonId } from '../vocabulary';

/** One code of the IANA "Enumerated Status Codes" registry (RFC 3463 and later), written `X.S.D`. */
export interface EnhancedCodeRow {
  /** `X.1.1`: the registry's form, class left open. */
  code: string;
  title: string;
  description: string;
  /** The registry's "Associated basic status code" column, as written there. */
  basic: string;
  reference: string;
  /** The reason this code says when nothing more specific does. */
  reason: ReasonId;
  /** When the transient (4.S.D) form means something else in practice (Gmail's 4.2.1 is a rate limit). */
  transientReason?: ReasonId;
}

/** A code outside the registry that users meet (Microsoft's 5.7.606, 4.7.650, ...). */
export interface VendorCodeRow {
  /** The full code with its class, e.g. `5.7.606`. */
  code: string;
  definedBy: string;
  title: string;
  description: string;
  reason: ReasonId;
}

// TODO(codes helper): every registry row; this stub holds a few so the engine runs.
export const ENHANCED_CODES: readonly EnhancedCodeRow[] = [
  { code: 'X.0.0', title: 'Other undefined Status', description: 'Other undefined status is the only undefined error code.', basic: 'Any', reference: 'RFC 3463', reason: 'unknown' },
  { code: 'X.1.1', title: 'Bad destination mailbox address', description: 'The mailbox specified in the address does not exist.', basic: '451, 550', reference: 'RFC 3463', reason: 'user-unknown' },
];

export const VENDOR_CODES: readonly VendorCodeRow[] = [];

/** Class digit of an enhanced code (RFC 3463 §3.1). */
export const ENHANCED_CLASSES: Readonly<Record<number, { title: string; description: string }>> = {
  2: { title: 'Success', description: 'The message was successfully delivered (or the command succeeded).' },
  4: { title: 'Persistent transient failure', description: 'The message as sent is valid, but a temporary condition prevented delivery; sending again later may succeed.' },
  5: { title: 'Permanent failure', description: 'Sending the message again in the same form will not succeed.' },
};

/** Subject digit of an enhanced code (RFC 3463 §3.2). */
export const SUBJECTS: Readonly<Record<number, { title: string; description: string }>> = {
  0: { title: 'Other or undefined status', description: 'No more specific subject is given.' },
  1: { title: 'Addressing status', description: 'Something about the sender or recipient address.' },
  2: { title: 'Mailbox status', description: 'Something about the recipient mailbox.' },
  3: { title: 'Mail system status', description: 'Something about the destination mail system.' },
  4: { title: 'Network and routing status', description: 'Something about the network or routing.' },
  5: { title: 'Mail delivery protocol status', description: 'Something about the SMTP protocol exchange.' },
  6: { title: 'Message content or media status', description: 'Something about the content of the message.' },
  7: { title: 'Security or policy status', description: 'Security or policy: authentication, authorization, anti-spam.' },
};
