// The public vocabulary of ARCHITECTURE.md. These ids are a contract: the CLI's JSON, the
// diagnostics' `code` and the tests use them, so they are never renamed.

export const REPLY_CLASSES = ['success', 'intermediate', 'transient', 'permanent', 'unknown'] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

export const ACTIONS = ['none', 'continue', 'retry', 'slow-down', 'fix-and-retry', 'do-not-retry'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Hard or soft bounce (`null`: not a failure, or nothing says it failed). Hard only when the address itself is
 * bad and stays bad: no such mailbox or domain, moved, the domain accepts no mail. Everything else that
 * failed is soft: keep the address.
 */
export const BOUNCES = ['hard', 'soft'] as const;
export type Bounce = (typeof BOUNCES)[number] | null;

export const REASON_IDS = [
  'accepted', 'in-progress', 'user-unknown', 'mailbox-disabled', 'mailbox-full', 'mailbox-moved',
  'domain-unknown', 'domain-not-accepting', 'sender-rejected', 'relay-denied', 'auth-required',
  'auth-failed', 'tls-required', 'sender-auth-failed', 'reverse-dns', 'blocklisted', 'reputation',
  'spam', 'virus', 'policy', 'message-too-large', 'content-invalid', 'rate-limited', 'greylisted',
  'server-unavailable', 'server-error', 'network', 'expired', 'routing-loop', 'protocol', 'unknown',
] as const;
export type ReasonId = (typeof REASON_IDS)[number];

/** Class from the first digit of a basic code or of an enhanced code. */
export function classOfDigit(digit: number): ReplyClass {
  switch (digit) {
    case 2: return 'success';
    case 3: return 'intermediate';
    case 4: return 'transient';
    case 5: return 'permanent';
    default: return 'unknown';
  }
}
