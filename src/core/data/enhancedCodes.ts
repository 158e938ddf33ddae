import type { ReasonId } from '../vocabulary';

/*
 * Enhanced status codes (RFC 3463, written `class.subject.detail`).
 *
 * ENHANCED_CODES holds every row of IANA's "Enumerated Status Codes" registry
 * (https://www.iana.org/assignments/smtp-enhanced-status-codes), taken from
 * test/fixtures/iana/smtp-enhanced-status-codes.csv (IANA's CSV as kept in the public repository
 * janpoltan/email-classify, whitespace normalised, and the rows of RFC 8617 and RFC 8689 that copy lacks; its README
 * says how to refresh it). `title` is the registry's "Sample Text", `basic` its "Associated basic status code" as
 * written, `description` its description; `reason` is ours. codeTables.test.ts checks the table against that CSV
 * row by row.
 *
 * Rows checked by hand against stored copies of public sources:
 * - X.7.28 "Mail flood detected": title and description confirmed (stalwartlabs/smtp-proto's table generated
 *   from the registry; janpoltan/email-classify's copy of IANA's CSV). In IANA's own CSV the description sits
 *   in the "basic status code" column and the description column is empty; the project's CSV puts it back in
 *   its column, and no basic code is given (kept as "Not given"). Reference [draft-levine-mailbomb-header],
 *   submitter J. Levine, change controller standards@taugh.com (not IESG). The draft expired (datatracker: -02,
 *   2019) without becoming an RFC.
 *   The IANA copy reads "abusive message." and the generated table "abusive messages."; we keep the plural.
 * - X.7.29 "ARC validation failure", RFC 8617: title, basic code 550 and description confirmed by the RFC's
 *   registration (section 10.4: submitter K. Andersen, change controller IESG) and smtp-proto.
 * - X.7.30 "REQUIRETLS support required", RFC 8689: title, basic code 550 and description confirmed by the RFC's
 *   registration (section 7: submitter J. Fenton, change controller IESG) and smtp-proto. (Exim's experimental
 *   REQUIRETLS code once sent 530 5.7.4.)
 * - X.6.10: the registry gives no sample text or basic code ("a duplicate of X.6.8 and is thus
 *   deprecated"); the row carries X.6.8's title and `aliasOf: 'X.6.8'` so that renderers have a meaning.
 * - The set of codes (X.0.0 … X.7.30, 81 rows) matches smtp-proto's generated table exactly.
 *
 * Reasons: what the code says when neither the text nor a provider rule says more. Comments explain the
 * contested ones. `transientReason` is for codes whose 4.S.D form means something else in practice.
 */

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
  /** A deprecated code that the registry declares a duplicate of another (X.6.10 → X.6.8). */
  aliasOf?: string;
}

/** A code outside the registry that users meet (Microsoft's 5.7.606, 4.7.650, ...). */
export interface VendorCodeRow {
  /** The full code with its class, e.g. `5.7.606`. */
  code: string;
  definedBy: string;
  title: string;
  description: string;
  reason: ReasonId;
  /**
   * Lower-case phrases, one of which the reply text must contain for this meaning to apply. Required for a
   * code the registry also defines (see VENDOR_REUSED_CODES); rows of VENDOR_CODES leave it out.
   */
  phrases?: readonly string[];
  /** When the vendor documents a range of codes with one meaning, e.g. `5.7.606-5.7.649`. */
  range?: string;
  /** Where the vendor documents it (or where it was observed, when undocumented). */
  reference?: string;
}

export const ENHANCED_CODES: readonly EnhancedCodeRow[] = [
  // Only the class is known.
  { code: 'X.0.0', title: 'Other undefined Status', basic: 'Any', reference: 'RFC 3463', reason: 'unknown',
    description: 'Other undefined status is the only undefined error code. It should be used for all errors for which only the class of the error is known.' },
  // Could be the sender or the recipient address; the text has to say which.
  { code: 'X.1.0', title: 'Other address status', basic: 'Not given', reference: 'RFC 3463', reason: 'unknown',
    description: 'Something about the address specified in the message caused this DSN.' },
  { code: 'X.1.1', title: 'Bad destination mailbox address', basic: '451, 550', reference: 'RFC 3463', reason: 'user-unknown',
    description: 'The mailbox specified in the address does not exist. For Internet mail names, this means the address portion to the left of the "@" sign is invalid. This code is only useful for permanent failures.' },
  { code: 'X.1.2', title: 'Bad destination system address', basic: 'Not given', reference: 'RFC 3463', reason: 'domain-unknown',
    description: 'The destination system specified in the address does not exist or is incapable of accepting mail. For Internet mail names, this means the address portion to the right of the "@" is invalid for mail. This code is only useful for permanent failures.' },
  // A malformed address names no mailbox, and the fix is the same as for an unknown one: correct the address. Not 'protocol': it is usually a typo in the address, not a client bug.
  { code: 'X.1.3', title: 'Bad destination mailbox address syntax', basic: '501', reference: 'RFC 3463', reason: 'user-unknown',
    description: 'The destination address was syntactically invalid. This can apply to any field in the address. This code is only useful for permanent failures.' },
  // The address does not identify one mailbox; the sender has to correct it, as for an unknown user.
  { code: 'X.1.4', title: 'Destination mailbox address ambiguous', basic: 'Not given', reference: 'RFC 3463', reason: 'user-unknown',
    description: 'The mailbox address as specified matches one or more recipients on the destination system. This may result if a heuristic address mapping algorithm is used to map the specified address to a local mailbox name.' },
  { code: 'X.1.5', title: 'Destination address valid', basic: '250', reference: 'RFC 3463', reason: 'accepted',
    description: 'This mailbox address as specified was valid. This status code should be used for positive delivery reports.' },
  { code: 'X.1.6', title: 'Destination mailbox has moved, No forwarding address', basic: 'Not given', reference: 'RFC 3463', reason: 'mailbox-moved',
    description: 'The mailbox address provided was at one time valid, but mail is no longer being accepted for that address. This code is only useful for permanent failures.' },
  { code: 'X.1.7', title: 'Bad sender\'s mailbox address syntax', basic: 'Not given', reference: 'RFC 3463', reason: 'sender-rejected',
    description: 'The sender\'s address was syntactically invalid. This can apply to any field in the address.' },
  { code: 'X.1.8', title: 'Bad sender\'s system address', basic: '451, 501', reference: 'RFC 3463', reason: 'sender-rejected',
    description: 'The sender\'s system specified in the address does not exist or is incapable of accepting return mail. For domain names, this means the address portion to the right of the "@" is invalid for mail.' },
  // A delivery report (Action: relayed): the message went on to a system that sends no DSNs.
  { code: 'X.1.9', title: 'Message relayed to non-compliant mailer', basic: 'Not given', reference: 'RFC 3886', reason: 'accepted',
    description: 'The mailbox address specified was valid, but the message has been relayed to a system that does not speak this protocol; no further information can be provided.' },
  { code: 'X.1.10', title: 'Recipient address has null MX', basic: '556', reference: 'RFC 7505; RFC 7504', reason: 'domain-not-accepting',
    description: 'This status code is returned when the associated address is marked as invalid using a null MX.' },
  // Postgrey and other greylisting filters answer 450 4.2.0, so a bare 4.2.0 is most often greylisting.
  { code: 'X.2.0', title: 'Other or undefined mailbox status', basic: 'Not given', reference: 'RFC 3463', reason: 'unknown', transientReason: 'greylisted',
    description: 'The mailbox exists, but something about the destination mailbox has caused the sending of this DSN.' },
  // Gmail answers 450 4.2.1 when the recipient receives mail too fast ("receiving mail at a rate that prevents additional messages").
  { code: 'X.2.1', title: 'Mailbox disabled, not accepting messages', basic: 'Not given', reference: 'RFC 3463', reason: 'mailbox-disabled', transientReason: 'rate-limited',
    description: 'The mailbox exists, but is not accepting messages. This may be a permanent error if the mailbox will never be re-enabled or a transient error if the mailbox is only temporarily disabled.' },
  { code: 'X.2.2', title: 'Mailbox full', basic: '552', reference: 'RFC 3463', reason: 'mailbox-full',
    description: 'The mailbox is full because the user has exceeded a per-mailbox administrative quota or physical capacity. The general semantics implies that the recipient can delete messages to make more space available. This code should be used as a persistent transient failure.' },
  { code: 'X.2.3', title: 'Message length exceeds administrative limit', basic: '552', reference: 'RFC 3463', reason: 'message-too-large',
    description: 'A per-mailbox administrative message length limit has been exceeded. This status code should be used when the per-mailbox message length limit is less than the general system limit. This code should be used as a permanent failure.' },
  // The recipient side failed to expand its own list.
  { code: 'X.2.4', title: 'Mailing list expansion problem', basic: '450, 452', reference: 'RFC 3463', reason: 'server-error',
    description: 'The mailbox is a mailing list address and the mailing list was unable to be expanded. This code may represent a permanent failure or a persistent transient failure.' },
  // Postfix and others use 451 4.3.0 for local failures (queue file write error, lookup failure).
  { code: 'X.3.0', title: 'Other or undefined mail system status', basic: '221, 250, 421, 451, 550, 554', reference: 'RFC 3463', reason: 'server-error',
    description: 'The destination system exists and normally accepts mail, but something about the system has caused the generation of this DSN.' },
  { code: 'X.3.1', title: 'Mail system full', basic: '452', reference: 'RFC 3463', reason: 'server-error',
    description: 'Mail system storage has been exceeded. The general semantics imply that the individual recipient may not be able to delete material to make room for additional messages. This is useful only as a persistent transient error.' },
  // RFC 7504 pairs 5.3.2 with 521 (host accepts no mail); the transient form is maintenance or overload.
  { code: 'X.3.2', title: 'System not accepting network messages', basic: '453, 521', reference: 'RFC 3463; RFC 7504', reason: 'domain-not-accepting', transientReason: 'server-unavailable',
    description: 'The host on which the mailbox is resident is not accepting messages. Examples of such conditions include an imminent shutdown, excessive load, or system maintenance. This is useful for both permanent and persistent transient errors.' },
  // A feature the client asked for (an ESMTP parameter, a conversion) is not supported there.
  { code: 'X.3.3', title: 'System not capable of selected features', basic: 'Not given', reference: 'RFC 3463', reason: 'protocol',
    description: 'Selected features specified for the message are not supported by the destination system. This can occur in gateways when features from one domain cannot be mapped onto the supported feature in another.' },
  { code: 'X.3.4', title: 'Message too big for system', basic: '552, 554', reference: 'RFC 3463', reason: 'message-too-large',
    description: 'The message is larger than per-message size limit. This limit may either be for physical or administrative reasons. This is useful only as a permanent error.' },
  { code: 'X.3.5', title: 'System incorrectly configured', basic: 'Not given', reference: 'RFC 3463', reason: 'server-error',
    description: 'The system is not configured in a manner that will permit it to accept this message.' },
  // Sent with 250/251 (MT-PRIORITY): accepted, at another priority.
  { code: 'X.3.6', title: 'Requested priority was changed', basic: '250 or 251', reference: 'RFC 6710', reason: 'accepted',
    description: 'The message was accepted for relay/delivery, but the requested priority (possibly the implied default) was not honoured. The human readable text after the status code contains the new priority, followed by SP (space) and explanatory human readable text.' },
  { code: 'X.4.0', title: 'Other or undefined network or routing status', basic: 'Not given', reference: 'RFC 3463', reason: 'network',
    description: 'Something went wrong with the networking, but it is not clear what the problem is, or the problem cannot be well expressed with any of the other provided detail codes.' },
  { code: 'X.4.1', title: 'No answer from host', basic: '451', reference: 'RFC 3463', reason: 'network',
    description: 'The outbound connection attempt was not answered, because either the remote system was busy, or was unable to take a call. This is useful only as a persistent transient error.' },
  { code: 'X.4.2', title: 'Bad connection', basic: '421', reference: 'RFC 3463', reason: 'network',
    description: 'The outbound connection was established, but was unable to complete the message transaction, either because of time-out, or inadequate connection quality. This is useful only as a persistent transient error.' },
  // Usually a temporary DNS failure.
  { code: 'X.4.3', title: 'Directory server failure', basic: '451, 550', reference: 'RFC 3463', reason: 'network',
    description: 'The network system was unable to forward the message, because a directory server was unavailable. This is useful only as a persistent transient error. The inability to connect to an Internet DNS server is one example of the directory server failure error.' },
  // Permanent: no MX/A for the domain (Postfix "Host or domain name not found"); transient: routing data temporarily unavailable.
  { code: 'X.4.4', title: 'Unable to route', basic: 'Not given', reference: 'RFC 3463', reason: 'domain-unknown', transientReason: 'network',
    description: 'The mail system was unable to determine the next hop for the message because the necessary routing information was unavailable from the directory server. This is useful for both permanent and persistent transient errors. A DNS lookup returning only an SOA (Start of Administration) record for a domain name is one example of the unable to route error.' },
  // Congestion is answered by slowing down; providers also use 4.4.5/5.4.5 for concurrency and daily sending quotas (Gmail "5.4.5 Daily user sending quota exceeded").
  { code: 'X.4.5', title: 'Mail system congestion', basic: '451', reference: 'RFC 3463', reason: 'rate-limited',
    description: 'The mail system was unable to deliver the message because the mail system was congested. This is useful only as a persistent transient error.' },
  { code: 'X.4.6', title: 'Routing loop detected', basic: 'Not given', reference: 'RFC 3463', reason: 'routing-loop',
    description: 'A routing loop caused the message to be forwarded too many times, either because of incorrect routing tables or a user- forwarding loop. This is useful only as a persistent transient error.' },
  { code: 'X.4.7', title: 'Delivery time expired', basic: 'Not given', reference: 'RFC 3463', reason: 'expired',
    description: 'The message was considered too old by the rejecting system, either because it remained on that host too long or because the time-to-live value specified by the sender of the message was exceeded. If possible, the code for the actual problem found when delivery was attempted should be returned rather than this code.' },
  { code: 'X.5.0', title: 'Other or undefined protocol status', basic: '220, 250, 251, 252, 253, 451, 452, 454, 458, 459, 501, 502, 503, 554', reference: 'RFC 3463', reason: 'protocol',
    description: 'Something was wrong with the protocol necessary to deliver the message to the next hop and the problem cannot be well expressed with any of the other provided detail codes.' },
  { code: 'X.5.1', title: 'Invalid command', basic: '430, 500, 501, 503, 530, 550, 554, 555', reference: 'RFC 3463', reason: 'protocol',
    description: 'A mail transaction protocol command was issued which was either out of sequence or unsupported. This is useful only as a permanent error.' },
  { code: 'X.5.2', title: 'Syntax error', basic: '500, 501, 502, 550, 555', reference: 'RFC 3463', reason: 'protocol',
    description: 'A mail transaction protocol command was issued which could not be interpreted, either because the syntax was wrong or the command is unrecognized. This is useful only as a permanent error.' },
  // Too many recipients for one transaction: send fewer per message.
  { code: 'X.5.3', title: 'Too many recipients', basic: '451', reference: 'RFC 3463', reason: 'rate-limited',
    description: 'More recipients were specified for the message than could have been delivered by the protocol. This error should normally result in the segmentation of the message into two, the remainder of the recipients to be delivered on a subsequent delivery attempt. It is included in this list in the event that such segmentation is not possible.' },
  { code: 'X.5.4', title: 'Invalid command arguments', basic: '451, 501, 502, 503, 504, 550, 555', reference: 'RFC 3463', reason: 'protocol',
    description: 'A valid mail transaction protocol command was issued with invalid arguments, either because the arguments were out of range or represented unrecognized features. This is useful only as a permanent error.' },
  { code: 'X.5.5', title: 'Wrong protocol version', basic: 'Not given', reference: 'RFC 3463', reason: 'protocol',
    description: 'A protocol version mis-match existed which could not be automatically resolved by the communicating parties.' },
  // The client sent an AUTH line longer than the mechanism allows: a client problem, not bad credentials.
  { code: 'X.5.6', title: 'Authentication Exchange line is too long', basic: '500', reference: 'RFC 4954', reason: 'protocol',
    description: 'This enhanced status code SHOULD be returned when the server fails the AUTH command due to the client sending a [BASE64] response which is longer than the maximum buffer size available for the currently selected SASL mechanism. This is useful for both permanent and persistent transient errors.' },
  { code: 'X.6.0', title: 'Other or undefined media error', basic: 'Not given', reference: 'RFC 3463', reason: 'content-invalid',
    description: 'Something about the content of a message caused it to be considered undeliverable and the problem cannot be well expressed with any of the other provided detail codes.' },
  { code: 'X.6.1', title: 'Media not supported', basic: 'Not given', reference: 'RFC 3463', reason: 'content-invalid',
    description: 'The media of the message is not supported by either the delivery protocol or the next system in the forwarding path. This is useful only as a permanent error.' },
  { code: 'X.6.2', title: 'Conversion required and prohibited', basic: 'Not given', reference: 'RFC 3463', reason: 'content-invalid',
    description: 'The content of the message must be converted before it can be delivered and such conversion is not permitted. Such prohibitions may be the expression of the sender in the message itself or the policy of the sending host.' },
  { code: 'X.6.3', title: 'Conversion required but not supported', basic: '554', reference: 'RFC 3463', reason: 'content-invalid',
    description: 'The message content must be converted in order to be forwarded but such conversion is not possible or is not practical by a host in the forwarding path. This condition may result when an ESMTP gateway supports 8bit transport but is not able to downgrade the message to 7 bit as required for the next hop.' },
  // Registered with basic code 250: delivered, with a lossy conversion.
  { code: 'X.6.4', title: 'Conversion with loss performed', basic: '250', reference: 'RFC 3463', reason: 'accepted',
    description: 'This is a warning sent to the sender when message delivery was successfully but when the delivery required a conversion in which some data was lost. This may also be a permanent error if the sender has indicated that conversion with loss is prohibited for the message.' },
  { code: 'X.6.5', title: 'Conversion Failed', basic: 'Not given', reference: 'RFC 3463', reason: 'content-invalid',
    description: 'A conversion was required but was unsuccessful. This may be useful as a permanent or persistent temporary notification.' },
  // BURL: the submission server could not fetch the content from the IMAP server.
  { code: 'X.6.6', title: 'Message content not available', basic: '554', reference: 'RFC 4468', reason: 'server-error',
    description: 'The message content could not be fetched from a remote system. This may be useful as a permanent or persistent temporary notification.' },
  // SMTPUTF8 is filed under content and media (subject 6): the address needs an SMTPUTF8 path.
  { code: 'X.6.7', title: 'Non-ASCII addresses not permitted for that sender/recipient', basic: '553, 550', reference: 'RFC 6531', reason: 'content-invalid',
    description: 'This indicates the reception of a MAIL or RCPT command that non-ASCII addresses are not permitted' },
  // The client did not allow the UTF-8 reply the server needed to send.
  { code: 'X.6.8', title: 'UTF-8 string reply is required, but not permitted by the SMTP client', basic: '252, 553, 550', reference: 'RFC 6531', reason: 'protocol',
    description: 'This indicates that a reply containing a UTF-8 string is required to show the mailbox name, but that form of response is not permitted by the SMTP client.' },
  { code: 'X.6.9', title: 'UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected', basic: '550', reference: 'RFC 6531', reason: 'content-invalid',
    description: 'This indicates that transaction failed after the final "." of the DATA command.' },
  // Deprecated duplicate of X.6.8; the registry gives it no sample text, so the row borrows X.6.8's.
  { code: 'X.6.10', title: 'UTF-8 string reply is required, but not permitted by the SMTP client', basic: '', reference: 'RFC 6531', reason: 'protocol', aliasOf: 'X.6.8',
    description: 'This is a duplicate of X.6.8 and is thus deprecated.' },
  { code: 'X.7.0', title: 'Other or undefined security status', basic: '220, 235, 450, 454, 500, 501, 503, 504, 530, 535, 550', reference: 'RFC 3463', reason: 'policy',
    description: 'Something related to security caused the message to be returned, and the problem cannot be well expressed with any of the other provided detail codes. This status code may also be used when the condition cannot be further described because of security policies in force.' },
  { code: 'X.7.1', title: 'Delivery not authorized, message refused', basic: '451, 454, 502, 503, 533, 550, 551', reference: 'RFC 3463', reason: 'policy',
    description: 'The sender is not authorized to send to the destination. This can be the result of per-host or per-recipient filtering. This memo does not discuss the merits of any such filtering, but provides a mechanism to report such. This is useful only as a permanent error.' },
  { code: 'X.7.2', title: 'Mailing list expansion prohibited', basic: '550', reference: 'RFC 3463', reason: 'policy',
    description: 'The sender is not authorized to send a message to the intended mailing list. This is useful only as a permanent error.' },
  { code: 'X.7.3', title: 'Security conversion required but not possible', basic: 'Not given', reference: 'RFC 3463', reason: 'policy',
    description: 'A conversion from one secure messaging protocol to another was required for delivery and such conversion was not possible. This is useful only as a permanent error.' },
  // Seen as "504 5.7.4 Unrecognized authentication type": the AUTH mechanism is not supported, a credential-side fix like X.7.9.
  { code: 'X.7.4', title: 'Security features not supported', basic: '504', reference: 'RFC 3463', reason: 'auth-failed',
    description: 'A message contained security features such as secure authentication that could not be supported on the delivery protocol. This is useful only as a permanent error.' },
  // Postfix reports TLS handshake failures as 4.7.5.
  { code: 'X.7.5', title: 'Cryptographic failure', basic: 'Not given', reference: 'RFC 3463', reason: 'tls-required',
    description: 'A transport system otherwise authorized to validate or decrypt a message in transport was unable to do so because necessary information such as key was not available or such information was invalid.' },
  { code: 'X.7.6', title: 'Cryptographic algorithm not supported', basic: 'Not given', reference: 'RFC 3463', reason: 'tls-required',
    description: 'A transport system otherwise authorized to validate or decrypt a message was unable to do so because the necessary algorithm was not supported.' },
  // A signature on the message did not verify.
  { code: 'X.7.7', title: 'Message integrity failure', basic: 'Not given', reference: 'RFC 3463', reason: 'sender-auth-failed',
    description: 'A transport system otherwise authorized to validate a message was unable to do so because the message was corrupted or altered. This may be useful as a permanent, transient persistent, or successful delivery code.' },
  { code: 'X.7.8', title: 'Authentication credentials invalid', basic: '535, 554', reference: 'RFC 4954', reason: 'auth-failed',
    description: 'This response to the AUTH command indicates that the authentication failed due to invalid or insufficient authentication credentials. In this case, the client SHOULD ask the user to supply new credentials (such as by presenting a password dialog box).' },
  { code: 'X.7.9', title: 'Authentication mechanism is too weak', basic: '534', reference: 'RFC 4954', reason: 'auth-failed',
    description: 'This response to the AUTH command indicates that the selected authentication mechanism is weaker than server policy permits for that user. The client SHOULD retry with a new authentication mechanism.' },
  { code: 'X.7.10', title: 'Encryption Needed', basic: '523', reference: 'RFC 5248', reason: 'tls-required',
    description: 'This indicates that external strong privacy layer is needed in order to use the requested authentication mechanism. This is primarily intended for use with clear text authentication mechanisms. A client which receives this may activate a security layer such as TLS prior to authenticating, or attempt to use a stronger mechanism.' },
  { code: 'X.7.11', title: 'Encryption required for requested authentication mechanism', basic: '524, 538', reference: 'RFC 4954', reason: 'tls-required',
    description: 'This response to the AUTH command indicates that the selected authentication mechanism may only be used when the underlying SMTP connection is encrypted. Note that this response code is documented here for historical purposes only. Modern implementations SHOULD NOT advertise mechanisms that are not permitted due to lack of encryption, unless an encryption layer of sufficient strength is currently being employed.' },
  { code: 'X.7.12', title: 'A password transition is needed', basic: '422, 432', reference: 'RFC 4954', reason: 'auth-failed',
    description: 'This response to the AUTH command indicates that the user needs to transition to the selected authentication mechanism. This is typically done by authenticating once using the [PLAIN] authentication mechanism. The selected mechanism SHOULD then work for authentications in subsequent sessions.' },
  // The authenticated (sending) account is disabled.
  { code: 'X.7.13', title: 'User Account Disabled', basic: '525', reference: 'RFC 5248', reason: 'mailbox-disabled',
    description: 'Sometimes a system administrator will have to disable a user\'s account (e.g., due to lack of payment, abuse, evidence of a break-in attempt, etc). This error code occurs after a successful authentication to a disabled account. This informs the client that the failure is permanent until the user contacts their system administrator to get the account re-enabled. It differs from a generic authentication failure where the client\'s best option is to present the passphrase entry dialog in case the user simply mistyped their passphrase.' },
  { code: 'X.7.14', title: 'Trust relationship required', basic: '535, 554', reference: 'RFC 5248', reason: 'policy',
    description: 'The submission server requires a configured trust relationship with a third-party server in order to access the message content. This value replaces the prior use of X.7.8 for this error condition. thereby updating [RFC4468].' },
  { code: 'X.7.15', title: 'Priority Level is too low', basic: '450, 550 (other 4XX or 5XX codes are allowed)', reference: 'RFC 6710', reason: 'policy',
    description: 'The specified priority level is below the lowest priority acceptable for the receiving SMTP server. This condition might be temporary, for example the server is operating in a mode where only higher priority messages are accepted for transfer and delivery, while lower priority messages are rejected.' },
  { code: 'X.7.16', title: 'Message is too big for the specified priority', basic: '552 (other 4XX or 5XX codes are allowed)', reference: 'RFC 6710', reason: 'message-too-large',
    description: 'The message is too big for the specified priority. This condition might be temporary, for example the server is operating in a mode where only higher priority messages below certain size are accepted for transfer and delivery.' },
  // RRVS: the person the sender meant no longer holds the mailbox; like an unknown user, stop sending to it.
  { code: 'X.7.17', title: 'Mailbox owner has changed', basic: '5XX', reference: 'RFC 7293', reason: 'user-unknown',
    description: 'This status code is returned when a message is received with a Require-Recipient-Valid-Since field or RRVS extension and the receiving system is able to determine that the intended recipient mailbox has not been under continuous ownership since the specified date-time.' },
  // RRVS: the domain changed hands; the intended recipient domain is gone.
  { code: 'X.7.18', title: 'Domain owner has changed', basic: '5XX', reference: 'RFC 7293', reason: 'domain-unknown',
    description: 'This status code is returned when a message is received with a Require-Recipient-Valid-Since field or RRVS extension and the receiving system wishes to disclose that the owner of the domain name of the recipient has changed since the specified date-time.' },
  { code: 'X.7.19', title: 'RRVS test cannot be completed', basic: '5XX', reference: 'RFC 7293', reason: 'policy',
    description: 'This status code is returned when a message is received with a Require-Recipient-Valid-Since field or RRVS extension and the receiving system cannot complete the requested evaluation because the required timestamp was not recorded. The message originator needs to decide whether to reissue the message without RRVS protection.' },
  { code: 'X.7.20', title: 'No passing DKIM signature found', basic: '550', reference: 'RFC 7372; RFC 6376', reason: 'sender-auth-failed',
    description: 'This status code is returned when a message did not contain any passing DKIM signatures. (This violates the advice of Section 6.1 of [RFC6376].)' },
  { code: 'X.7.21', title: 'No acceptable DKIM signature found', basic: '550', reference: 'RFC 7372; RFC 6376', reason: 'sender-auth-failed',
    description: 'This status code is returned when a message contains one or more passing DKIM signatures, but none are acceptable. (This violates the advice of Section 6.1 of [RFC6376].)' },
  { code: 'X.7.22', title: 'No valid author-matched DKIM signature found', basic: '550', reference: 'RFC 7372; RFC 6376', reason: 'sender-auth-failed',
    description: 'This status code is returned when a message contains one or more passing DKIM signatures, but none are acceptable because none have an identifier(s) that matches the author address(es) found in the From header field. This is a special case of X.7.21. (This violates the advice of Section 6.1 of [RFC6376].)' },
  { code: 'X.7.23', title: 'SPF validation failed', basic: '550', reference: 'RFC 7372; RFC 7208', reason: 'sender-auth-failed',
    description: 'This status code is returned when a message completed an SPF check that produced a "fail" result, contrary to local policy requirements. Used in place of 5.7.1 as described in Section 8.4 of [RFC7208].' },
  { code: 'X.7.24', title: 'SPF validation error', basic: '451, 550', reference: 'RFC 7372; RFC 7208', reason: 'sender-auth-failed',
    description: 'This status code is returned when evaluation of SPF relative to an arriving message resulted in an error. Used in place of 4.4.3 or 5.5.2 as described in Sections 8.6 and 8.7 of [RFC7208].' },
  { code: 'X.7.25', title: 'Reverse DNS validation failed', basic: '550', reference: 'RFC 7372; RFC 7601', reason: 'reverse-dns',
    description: 'This status code is returned when an SMTP client\'s IP address failed a reverse DNS validation check, contrary to local policy requirements.' },
  { code: 'X.7.26', title: 'Multiple authentication checks failed', basic: '550', reference: 'RFC 7372', reason: 'sender-auth-failed',
    description: 'This status code is returned when a message failed more than one message authentication check, contrary to local policy requirements. The particular mechanisms that failed are not specified.' },
  // The sender's domain has a null MX, so a bounce could not be returned: the sender address is refused.
  { code: 'X.7.27', title: 'Sender address has null MX', basic: '550', reference: 'RFC 7505', reason: 'sender-rejected',
    description: 'This status code is returned when the associated sender address has a null MX, and the SMTP receiver is configured to reject mail from such sender (e.g., because it could not return a DSN).' },
  // A flood is answered by stopping or slowing; servers use 4.7.28 for "too many connections from your IP" and "flood policy violation".
  { code: 'X.7.28', title: 'Mail flood detected', basic: 'Not given', reference: 'draft-levine-mailbomb-header', reason: 'rate-limited',
    description: 'The message appears to be part of a mail flood of similar abusive messages.' },
  { code: 'X.7.29', title: 'ARC validation failure', basic: '550', reference: 'RFC 8617', reason: 'sender-auth-failed',
    description: 'This status code may be returned when a message fails ARC validation.' },
  { code: 'X.7.30', title: 'REQUIRETLS support required', basic: '550', reference: 'RFC 8689', reason: 'tls-required',
    description: 'This indicates that the message was not able to be forwarded because it was received with a REQUIRETLS requirement and none of the SMTP servers to which the message should be forwarded provide this support.' },
];

/*
 * Codes outside the registry, and registered codes that a vendor uses with a meaning of its own.
 *
 * Microsoft 365 / Exchange Online: Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange
 * Online" (MicrosoftDocs/SupportArticles-docs, Exchange/ExchangeOnline/email-delivery/ndr/
 * non-delivery-reports-in-exchange-online.md, read at its January 2023 revision; 5.7.232/5.7.233 from a later
 * revision) and "Fix email delivery issues for error codes 5.7.700 through 5.7.750". Undocumented codes are
 * marked so, with where they were
 * seen: 4.7.650 (quoted from a Postfix log in Sisimai's ExchangeOnline table, BSD-2-Clause), 4.7.500 and
 * 4.7.700 (same table), 5.4.316 (bounce samples), 5.7.515 (Microsoft Tech Community, "Outlook's new
 * requirements for high-volume senders", 2025), 5.7.900-999 (Exchange mail flow rules that reject; seen as
 * "550 5.7.900 TRANSPORT.RULES.RejectMessage").
 *
 * Not here: the many 5.7.1 texts (text rules decide those), registered codes Microsoft uses with their
 * registered meaning (5.1.1, 5.4.6, 4.4.7, 5.7.23, 5.7.25, 4.7.26, 4.5.3), Gmail (its codes are
 * registered ones) and qmail's `#5.1.1` (a prefix the parser reads).
 */

const MICROSOFT = 'Microsoft 365 (Exchange Online)';
const MS_NDR = 'Microsoft Learn: Email non-delivery reports and SMTP errors in Exchange Online';
const MS_700 = 'Microsoft Learn: Fix email delivery issues for error codes 5.7.700 through 5.7.750 in Exchange Online';

/** Unregistered codes documented one by one, or seen in the wild. */
const VENDOR_CODE_ROWS: readonly VendorCodeRow[] = [
  { code: '4.4.316', definedBy: MICROSOFT, reason: 'network', reference: MS_NDR,
    title: 'Connection refused [Message=Socket error code 10061]',
    description: 'Exchange Online cannot connect to the receiving server outside Microsoft 365; the problem is almost always at the receiving server or its network. Exchange keeps retrying.' },
  { code: '5.4.316', definedBy: MICROSOFT, reason: 'expired', reference: 'Not in Microsoft\'s table; seen as "550 5.4.316 Message expired, connection refused(Socket error code 10061)"',
    title: 'Message expired, connection refused',
    description: 'Exchange Online gave up: the receiving server refused connections (4.4.316) until the message expired in the queue.' },
  { code: '5.4.300', definedBy: MICROSOFT, reason: 'expired', reference: MS_NDR,
    title: 'Message expired',
    description: 'The message took too long to deliver: the destination never answered, or the NDR for it could not be returned to the sender.' },
  { code: '5.4.14', definedBy: MICROSOFT, reason: 'routing-loop', reference: MS_NDR,
    title: 'Routing loop detected',
    description: 'Exchange Online stopped a mail loop after 20 hops (on-premises Exchange says 5.4.6). Check forwarding and inbox rules on both sides.' },
  { code: '5.0.350', definedBy: MICROSOFT, reason: 'unknown', reference: MS_NDR,
    title: 'Generic error (x-dg-ref header is too long, policy violation detected (AS345), ...)',
    description: 'A catch-all for errors the recipient\'s organization did not name. "x-dg-ref header is too long" concerns Rich Text messages; "policy violation detected (AS345)" concerns nested attachments.' },
  { code: '5.1.90', definedBy: MICROSOFT, reason: 'rate-limited', reference: MS_NDR,
    title: 'Your message can\'t be sent because you\'ve reached your daily limit for message recipients',
    description: 'The sender exceeded Exchange Online\'s daily recipient rate limit. It can mean the account is compromised.' },
  { code: '5.2.121', definedBy: MICROSOFT, reason: 'rate-limited', reference: MS_NDR,
    title: 'Recipient\'s per hour message receive limit from specific sender exceeded',
    description: 'This sender sent more messages per hour to this one recipient than Exchange Online allows. Send fewer, later.' },
  { code: '5.2.122', definedBy: MICROSOFT, reason: 'rate-limited', reference: MS_NDR,
    title: 'Recipient\'s per hour message receive limit exceeded',
    description: 'The recipient received more messages per hour, from all senders, than Exchange Online allows. Try again later.' },
  { code: '5.3.190', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Journaling on-premises messages to Microsoft 365 or Office 365 not supported when Journaling Archive is disabled',
    description: 'An on-premises journaling rule sends journal reports to Microsoft 365, but the organization has not turned on Journaling Archive.' },
  { code: '5.6.11', definedBy: MICROSOFT, reason: 'content-invalid', reference: MS_NDR,
    title: 'Invalid characters',
    description: 'The sending program put bare line feed characters into the message.' },
  { code: '4.7.321', definedBy: MICROSOFT, reason: 'tls-required', reference: MS_NDR,
    title: 'starttls-not-supported: Destination mail server must support TLS to receive mail.',
    description: 'DANE/DNSSEC says the destination must use TLS, but it did not answer STARTTLS or the TLS handshake failed. The destination has to fix it.' },
  { code: '5.7.321', definedBy: MICROSOFT, reason: 'tls-required', reference: MS_NDR,
    title: 'starttls-not-supported: Destination mail server must support TLS to receive mail.',
    description: 'DANE/DNSSEC says the destination must use TLS, but it did not answer STARTTLS or the TLS handshake failed. The destination has to fix it.' },
  { code: '4.7.322', definedBy: MICROSOFT, reason: 'tls-required', reference: MS_NDR,
    title: 'certificate-expired: Destination mail server\'s certificate is expired.',
    description: 'The destination presented an expired TLS certificate on a DNSSEC-signed (DANE) domain.' },
  { code: '5.7.322', definedBy: MICROSOFT, reason: 'tls-required', reference: MS_NDR,
    title: 'certificate-expired: Destination mail server\'s certificate is expired.',
    description: 'The destination presented an expired TLS certificate on a DNSSEC-signed (DANE) domain.' },
  { code: '4.7.323', definedBy: MICROSOFT, reason: 'tls-required', reference: MS_NDR,
    title: 'tlsa-invalid: The domain failed DANE validation.',
    description: 'The destination\'s certificate does not match its TLSA record, or the record is wrong.' },
  { code: '5.7.323', definedBy: MICROSOFT, reason: 'tls-required', reference: MS_NDR,
    title: 'tlsa-invalid: The domain failed DANE validation.',
    description: 'The destination\'s certificate does not match its TLSA record, or the record is wrong.' },
  // A DNS problem of the destination, not a TLS one.
  { code: '4.7.324', definedBy: MICROSOFT, reason: 'network', reference: MS_NDR,
    title: 'dnssec-invalid: Destination domain returned invalid DNSSEC records',
    description: 'The destination domain claims DNSSEC, but Exchange Online could not validate its records.' },
  { code: '5.7.324', definedBy: MICROSOFT, reason: 'network', reference: MS_NDR,
    title: 'dnssec-invalid: Destination domain returned invalid DNSSEC records',
    description: 'The destination domain claims DNSSEC, but Exchange Online could not validate its records.' },
  { code: '4.7.325', definedBy: MICROSOFT, reason: 'tls-required', reference: MS_NDR,
    title: 'certificate-host-mismatch: Remote certificate MUST have a common name or subject alternative name matching the hostname (DANE)',
    description: 'The destination\'s certificate names neither the domain nor the MX host.' },
  { code: '5.7.325', definedBy: MICROSOFT, reason: 'tls-required', reference: MS_NDR,
    title: 'certificate-host-mismatch: Remote certificate MUST have a common name or subject alternative name matching the hostname (DANE)',
    description: 'The destination\'s certificate names neither the domain nor the MX host.' },
  { code: '5.7.57', definedBy: MICROSOFT, reason: 'auth-required', reference: MS_NDR,
    title: 'Client was not authenticated to send anonymous mail during MAIL FROM',
    description: 'An application or device sends through smtp.office365.com without authenticating (or with a wrong setup). Configure SMTP AUTH, or use a connector.' },
  { code: '5.7.64', definedBy: MICROSOFT, reason: 'relay-denied', reference: MS_NDR,
    title: 'TenantAttribution; Relay Access Denied',
    description: 'Mail from the on-premises server no longer matches the inbound connector (IP address or certificate changed), so Exchange Online will not relay it.' },
  { code: '5.7.124', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Sender not in allowed-senders list',
    description: 'The recipient is a group that accepts mail only from listed senders.' },
  { code: '5.7.133', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Sender not authenticated for group',
    description: 'The recipient is a group that rejects mail from outside its organization.' },
  { code: '5.7.134', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Sender was not authenticated for mailbox',
    description: 'The recipient is a mailbox that rejects mail from outside its organization.' },
  { code: '5.7.135', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Sender was not authenticated for public folder',
    description: 'The recipient is a public folder that rejects mail from outside its organization.' },
  { code: '5.7.136', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Sender was not authenticated',
    description: 'The recipient is a mail user that rejects mail from outside its organization.' },
  { code: '5.7.232', definedBy: MICROSOFT, reason: 'rate-limited', reference: MS_NDR,
    title: 'Your message can\'t be sent because your trial tenant has exceeded its daily limit for sending email to external recipients (tenant external recipient rate limit)',
    description: 'The trial tenant reached its limit of external recipients in 24 hours; sending resumes as the rolling window moves on.' },
  { code: '5.7.233', definedBy: MICROSOFT, reason: 'rate-limited', reference: MS_NDR,
    title: 'Your message can\'t be sent because your tenant exceeded its daily limit for sending email to external recipients (tenant external recipient rate limit)',
    description: 'The tenant reached its limit of external recipients in 24 hours; sending resumes as the rolling window moves on.' },
  { code: '4.7.500', definedBy: MICROSOFT, reason: 'reputation', range: '4.7.500-4.7.699', reference: 'Sisimai\'s ExchangeOnline table: "451 4.7.500 Server busy. Please try again later from [192.0.2.2]. (AS761)"',
    title: 'Server busy. Please try again later',
    description: 'Despite the wording, the first code of Microsoft\'s 4.7.500-699 range: traffic from the sending IP looked suspicious and is held back for a while. It lifts by itself if the traffic is legitimate.' },
  { code: '4.7.650', definedBy: MICROSOFT, reason: 'reputation', reference: 'Undocumented; seen as "451 4.7.650 The mail server [192.0.2.5] has been temporarily rate limited due to IP reputation" (Sisimai\'s ExchangeOnline table)',
    title: 'The mail server has been temporarily rate limited due to IP reputation',
    description: 'Outlook.com throttles the sending IP because of its reputation. Slowing down alone does not cure it: improve list hygiene and complaint rates, and see the Outlook.com postmaster pages (SNDS).' },
  { code: '4.7.700', definedBy: MICROSOFT, reason: 'server-unavailable', reference: 'Undocumented; seen as "451 4.7.700 PFA agent busy, please try again." (Sisimai\'s ExchangeOnline table)',
    title: 'PFA agent busy, please try again',
    description: 'A filtering component at Microsoft was busy; the message is retried.' },
  { code: '5.7.501', definedBy: MICROSOFT, reason: 'blocklisted', reference: MS_NDR,
    title: 'Access denied, spam abuse detected',
    description: 'The sending account was banned for spam. Secure the account and reset its credentials, then ask Microsoft support to restore it.' },
  { code: '5.7.502', definedBy: MICROSOFT, reason: 'blocklisted', reference: MS_NDR,
    title: 'Access denied, banned sender',
    description: 'The sending account was banned for spam. Secure the account and reset its credentials, then ask Microsoft support to restore it.' },
  { code: '5.7.503', definedBy: MICROSOFT, reason: 'blocklisted', reference: MS_NDR,
    title: 'Access denied, banned sender',
    description: 'The sending account was banned for spam. Secure the account and reset its credentials, then ask Microsoft support to restore it.' },
  { code: '5.7.504', definedBy: MICROSOFT, reason: 'user-unknown', reference: MS_NDR,
    title: 'Recipient address rejected: Access denied',
    description: 'The recipient address is not valid. Check it.' },
  // "Banned": the recipient exists but Microsoft does not deliver to it.
  { code: '5.7.505', definedBy: MICROSOFT, reason: 'mailbox-disabled', reference: MS_NDR,
    title: 'Access denied, banned recipient',
    description: 'Microsoft does not deliver to this recipient. If that is an error, the recipient\'s side has to contact Microsoft support.' },
  { code: '5.7.506', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Access Denied, Bad HELO',
    description: 'The sending server introduced itself (HELO/EHLO) with the receiving server\'s name instead of its own fully qualified name, as spam bots do. Fix the HELO name.' },
  { code: '5.7.507', definedBy: MICROSOFT, reason: 'blocklisted', reference: MS_NDR,
    title: 'Access denied, rejected by recipient',
    description: 'The recipient\'s organization blocked the sending IP. Ask the recipient to lift it.' },
  { code: '5.7.508', definedBy: MICROSOFT, reason: 'rate-limited', reference: MS_NDR,
    title: 'Access denied, [$SenderIPAddress] has exceeded permitted limits within $range range',
    description: 'The sender\'s IPv6 range sent too many messages in too short a time.' },
  { code: '5.7.509', definedBy: MICROSOFT, reason: 'sender-auth-failed', reference: MS_NDR,
    title: 'Access denied, sending domain [$SenderDomain] does not pass DMARC verification and has a DMARC policy of reject',
    description: 'The From: domain failed DMARC (SPF and DKIM both failed or did not align) and publishes p=reject. Fix SPF/DKIM alignment for that domain; forwarding can also break it.' },
  { code: '5.7.510', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Access denied, [contoso.com] does not accept email over IPv6',
    description: 'The recipient domain accepts no mail over IPv6; send over IPv4.' },
  { code: '5.7.511', definedBy: MICROSOFT, reason: 'blocklisted', reference: MS_NDR,
    title: 'Access denied, banned sender',
    description: 'The sending IP is banned. Ask for delisting by writing to delist@microsoft.com with the full NDR and the IP address.' },
  { code: '5.7.512', definedBy: MICROSOFT, reason: 'content-invalid', reference: MS_NDR,
    title: 'Access denied, message must be RFC 5322 section 3.6.2 compliant',
    description: 'The message has no valid From: address (for example without angle brackets around the address).' },
  { code: '5.7.513', definedBy: MICROSOFT, reason: 'blocklisted', reference: MS_NDR,
    title: 'Service unavailable, Client host [$ConnectingIP] blocked by $recipientDomain using Customer Block list (AS16012607)',
    description: 'The recipient domain put the sending IP on its own block list. Only the recipient can remove it.' },
  { code: '5.7.515', definedBy: MICROSOFT, reason: 'sender-auth-failed', reference: 'Microsoft Tech Community: Outlook\'s new requirements for high-volume senders (2025)',
    title: 'Access denied, sending domain [SendingDomain] does not meet the required authentication level',
    description: 'Outlook.com (consumer) requires SPF, DKIM and DMARC (at least p=none, aligned) from domains sending more than 5,000 messages a day; this domain does not meet that.' },
  { code: '5.7.703', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR,
    title: 'Your message can\'t be delivered because one or more recipients are blocked by your organization\'s tenant recipient block policy',
    description: 'Your own organization blocks one of the recipients (Tenant Allow/Block List); the whole message is refused.' },
  { code: '5.7.705', definedBy: MICROSOFT, reason: 'reputation', reference: MS_700,
    title: 'Access denied, tenant has exceeded threshold',
    description: 'Too much spam or bulk mail came from your tenant, so Microsoft blocked its outgoing mail. Fix compromised accounts and open relays, then contact Microsoft support.' },
  { code: '5.7.708', definedBy: MICROSOFT, reason: 'reputation', reference: MS_700,
    title: 'Access denied, traffic not accepted from this IP',
    description: 'The mail came from a known low-reputation IP address, typical of new tenants.' },
  { code: '5.7.750', definedBy: MICROSOFT, reason: 'policy', reference: MS_700,
    title: 'Service unavailable. Client blocked from sending from unregistered domains',
    description: 'Many messages came from domains not added and verified in the tenant. Add and verify every domain you send from.' },
];

/** One meaning documented for a run of detail numbers, e.g. Microsoft's 5.7.606-649. */
interface VendorCodeRange {
  /** `5.7.`: class and subject. */
  prefix: string;
  first: number;
  last: number;
  row: Omit<VendorCodeRow, 'code' | 'range'>;
}

const VENDOR_CODE_RANGES: readonly VendorCodeRange[] = [
  { prefix: '4.7.', first: 500, last: 699, row: { definedBy: MICROSOFT, reason: 'reputation', reference: MS_NDR,
    title: 'Access denied, please try again later',
    description: 'Exchange Online detected suspicious activity from the sender and restricts it for a while. If the traffic is legitimate the restriction lifts by itself.' } },
  { prefix: '4.7.', first: 850, last: 899, row: { definedBy: MICROSOFT, reason: 'reputation', reference: MS_NDR,
    title: 'Access denied, please try again later',
    description: 'Exchange Online detected suspicious activity from the sending IP and restricts it while evaluating it. If the traffic is legitimate the restriction lifts by itself.' } },
  { prefix: '5.7.', first: 606, last: 649, row: { definedBy: MICROSOFT, reason: 'blocklisted', reference: MS_NDR,
    title: 'Access denied, banned sending IP [IP1.IP2.IP3.IP4]',
    description: 'Microsoft banned the sending IP. Check for compromise or bad traffic, then request removal with the self-service delist portal (sender.office.com).' } },
  { prefix: '5.7.', first: 900, last: 999, row: { definedBy: 'Microsoft Exchange (Server and Online)', reason: 'policy',
    reference: 'Exchange mail flow rules that reject with a code of this range (default 5.7.1); seen as "550 5.7.900 TRANSPORT.RULES.RejectMessage"',
    title: 'Message rejected by a mail flow (transport) rule',
    description: 'A mail flow rule of the receiving organization rejected the message. Only that organization\'s admin can change the rule.' } },
];

function expandRanges(rows: readonly VendorCodeRow[], ranges: readonly VendorCodeRange[]): VendorCodeRow[] {
  // A code documented on its own (4.7.500, 4.7.650) keeps its own row rather than the range's.
  const own = new Set(rows.map((row) => row.code));
  const expanded: VendorCodeRow[] = [];
  for (const { prefix, first, last, row } of ranges) {
    const range = `${prefix}${first}-${prefix}${last}`;
    for (let detail = first; detail <= last; detail++) {
      const code = `${prefix}${detail}`;
      if (!own.has(code)) expanded.push({ ...row, code, range });
    }
  }
  return expanded;
}

/** Codes outside the registry, one row per code: safe to look up by code alone. */
export const VENDOR_CODES: readonly VendorCodeRow[] = [...VENDOR_CODE_ROWS, ...expandRanges(VENDOR_CODE_ROWS, VENDOR_CODE_RANGES)];

/** A registered code that a vendor sends with a meaning of its own, recognised by its wording. */
export interface VendorReusedCodeRow extends VendorCodeRow {
  phrases: readonly string[];
}

/**
 * Registered codes that Microsoft sends with another meaning: Microsoft's 5.4.1 "Recipient address rejected:
 * Access denied" is an unknown recipient, not the registry's "No answer from host". They apply only when the
 * reply text contains one of the row's phrases; otherwise the registry's meaning stands. Kept apart from
 * VENDOR_CODES because a lookup by code alone would wrongly turn every 552 5.2.2 into a sending quota.
 */
export const VENDOR_REUSED_CODES: readonly VendorReusedCodeRow[] = [
  { code: '4.3.2', definedBy: MICROSOFT, reason: 'rate-limited', reference: MS_NDR, phrases: ['recipient thread limit exceeded'],
    title: 'STOREDRV.Deliver; recipient thread limit exceeded',
    description: 'The recipient mailbox is receiving too many messages too quickly, so Exchange throttles deliveries to it. The message stays queued and is retried.' },
  { code: '5.1.8', definedBy: MICROSOFT, reason: 'blocklisted', reference: MS_NDR, phrases: ['bad outbound sender'],
    title: 'Access denied, bad outbound sender',
    description: 'Microsoft blocked the sending account for sending too much spam, usually because the account was compromised. An admin has to secure the account and release it.' },
  { code: '5.2.2', definedBy: MICROSOFT, reason: 'rate-limited', reference: MS_NDR, phrases: ['submission quota exceeded'],
    title: 'Submission quota exceeded',
    description: 'The sender exceeded Exchange Online\'s recipient or message rate limit (not a full mailbox, which is what 5.2.2 means elsewhere). It can mean the account is compromised.' },
  { code: '5.4.1', definedBy: MICROSOFT, reason: 'user-unknown', reference: MS_NDR, phrases: ['recipient address rejected: access denied'],
    title: 'Recipient address rejected: Access denied',
    description: 'Directory Based Edge Blocking: the recipient address does not exist in the receiving organization\'s directory, so Exchange Online refused it at the edge.' },
  { code: '5.4.1', definedBy: MICROSOFT, reason: 'relay-denied', reference: MS_NDR, phrases: ['relay access denied'],
    title: 'Relay Access Denied',
    description: 'The server that answered does not accept mail for the recipient\'s domain, usually because the domain\'s MX record or the tenant\'s accepted domains are misconfigured.' },
  { code: '5.1.10', definedBy: MICROSOFT, reason: 'user-unknown', reference: MS_NDR, phrases: ['recipientnotfound', 'recipient not found by smtp address lookup'],
    title: 'RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    description: 'The recipient\'s address does not exist in the receiving Microsoft 365 organization (Microsoft\'s own use of the number, which the registry gives to a domain that publishes no mail exchanger).' },
  { code: '5.5.0', definedBy: MICROSOFT, reason: 'user-unknown', reference: MS_NDR, phrases: ['requested action not taken: mailbox unavailable'],
    title: 'Requested action not taken: mailbox unavailable',
    description: 'Outlook.com and Hotmail: the recipient address was not found (Microsoft compares it to 5.1.10).' },
  { code: '5.7.12', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR, phrases: ['sender was not authenticated by organization'],
    title: 'Sender was not authenticated by organization',
    description: 'The recipient is set to accept mail only from inside its own organization. Only the recipient\'s admin can change that.' },
  { code: '5.7.13', definedBy: MICROSOFT, reason: 'policy', reference: MS_NDR, phrases: ['sender was not authenticated for public folder'],
    title: 'Sender was not authenticated for public folder',
    description: 'The recipient is a public folder that accepts mail only from inside its organization (Microsoft also sends this as 5.7.135).' },

];

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
