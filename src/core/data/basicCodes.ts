import type { ReasonId } from '../vocabulary';

/** One basic reply code of RFC 5321 or one of its extensions. */
export interface BasicCodeRow {
  code: number;
  /** Short title, e.g. "Requested action not taken: mailbox unavailable". */
  title: string;
  /** What it means, one or two sentences. */
  description: string;
  /** Common causes seen in practice. */
  causes: string[];
  /** The reason when nothing more specific (text, enhanced code) says otherwise. */
  reason: ReasonId;
  /** e.g. "RFC 5321 §4.2.3", "RFC 4954 §6", "RFC 7504". */
  reference: string;
}

// TODO(codes helper): every code listed in the issue; this stub holds a few so the engine runs.
export const BASIC_CODES: readonly BasicCodeRow[] = [
  { code: 250, title: 'Requested mail action okay, completed', description: 'The command succeeded.', causes: [], reason: 'accepted', reference: 'RFC 5321 §4.2.3' },
  { code: 550, title: 'Requested action not taken: mailbox unavailable', description: 'The mailbox was not found, no access, or the command was rejected for policy reasons.', causes: ['The address does not exist', 'Policy rejection'], reason: 'user-unknown', reference: 'RFC 5321 §4.2.3' },
];

/** First digit of a basic code (RFC 5321 §4.2.1). */
export const CLASS_DIGITS: Readonly<Record<number, { title: string; description: string }>> = {
  2: { title: 'Positive completion', description: 'The requested action has been successfully completed.' },
  3: { title: 'Positive intermediate', description: 'The command has been accepted, but the server needs more information.' },
  4: { title: 'Transient negative completion', description: 'The command was not accepted, but the error condition is temporary; the action may be requested again.' },
  5: { title: 'Permanent negative completion', description: 'The command was not accepted and the action did not occur; the same request should not be repeated as is.' },
};

/** Second digit of a basic code (RFC 5321 §4.2.1). */
export const CATEGORY_DIGITS: Readonly<Record<number, { name: string; title: string; description: string }>> = {
  0: { name: 'syntax', title: 'Syntax', description: 'Syntax errors, commands that do not fit any category, unimplemented or superfluous commands.' },
  1: { name: 'information', title: 'Information', description: 'Replies to requests for information, such as status or help.' },
  2: { name: 'connections', title: 'Connections', description: 'Replies referring to the transmission channel.' },
  3: { name: 'unspecified', title: 'Unspecified', description: 'Not assigned by RFC 5321.' },
  4: { name: 'unspecified', title: 'Unspecified', description: 'Not assigned by RFC 5321.' },
  5: { name: 'mail system', title: 'Mail system', description: 'The status of the receiver mail system with respect to the requested transfer or other mail system action.' },
};
