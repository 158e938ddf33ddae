import type { ReasonId, ReplyClass } from '../vocabulary';

/**
 * A text rule: when the server's text says something specific, it decides the reason (Sisimai's
 * phrase lists, KumoMTA's rules as data). Adding a provider message is adding a row.
 */
export interface TextRule {
  /** Unique id, e.g. `gmail-user-unknown`. */
  id: string;
  reason: ReasonId;
  /** The provider or software whose wording this is, e.g. "Gmail"; omitted for generic phrasing. */
  provider?: string;
  /** Lower-case phrases: the rule matches when the lower-cased text contains any of them. */
  phrases: string[];
  /** Lower-case phrases that must all be present as well (narrows a broad phrase). */
  all?: string[];
  /** Only for replies of these classes (e.g. a phrase that means greylisting only on a 4XX). */
  classes?: ReplyClass[];
  /** Higher wins when several rules match; default 0. Specific wording beats generic wording. */
  priority?: number;
  /** The reply this row was written for, code included; a test explains it and expects `reason` (and `provider`). */
  example: string;
}

// TODO(text-rules helper): the rows; this stub holds a few so the engine runs.
export const TEXT_RULES: readonly TextRule[] = [
  { id: 'generic-user-unknown', reason: 'user-unknown', phrases: ['user unknown', 'no such user', 'does not exist'], example: '550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown in local recipient table' },
  { id: 'generic-rate-limit', reason: 'rate-limited', phrases: ['too many recipients this hour', 'rate limit'], priority: 10, example: '550 5.1.1 sent to too many recipients this hour' },
];
