// The delivery flow: log lines → events → messages → recipients → attempts → final states, a retry review, and a
// report built from them (JSON, Markdown, a self-contained HTML page). Pure, like the rest of the core.
import type { MessageTrail } from './model';

export { createFlow, type Flow, type FlowOptions, type FlowResult } from './flow';
export { EventReader, readEvents, type ReaderOptions } from './reader';
export type { AttemptStatus, EventKind, LineEvent, LinkKind, MtaId } from './events';
export { STATE_SEVERITY, type Attempt, type MessageOrigin, type MessageTrail, type RecipientState, type RecipientTrail, type Rejection } from './model';
export { RETRY_THRESHOLDS, adviceOf, reviewRetries, type RetryReview, type RetryThresholds, type RetryVerdict, type ReviewedAttempt } from './review';
export { MAX_REVIEW_ROWS, REPORT_STATES, bounceTypeOf, domainOf, type BounceType, type DeliveryReport, type DomainRow, type FailedRecipient, type ProviderRow, type ReasonRow, type ReviewRow, type StateCounts, type TimeRow } from './report';
export { formatTime, parseTimeArg } from './time';
export { providerOfHost } from './providers';

/** Messages by line and by queue id, for an editor: highlights, references, go to definition, hovers. */
export interface MessageIndex {
  /** The message a line belongs to (0-based line), if any. */
  at(line: number): MessageTrail | undefined;
  /** Messages with this queue id (a short Postfix id comes back once the first message is removed). */
  byQueueId(queueId: string): MessageTrail[];
}

/** Indexes retained messages of one input; one Int32Array over the lines, no object per line. */
export function indexMessages(messages: readonly MessageTrail[], input = 0): MessageIndex {
  let maxLine = -1;
  for (const m of messages) if (m.input === input && m.lines.length) maxLine = Math.max(maxLine, m.lines[m.lines.length - 1]);
  const owner = new Int32Array(maxLine + 1).fill(-1);
  const ids = new Map<string, MessageTrail[]>();
  messages.forEach((m, i) => {
    if (m.input !== input) return;
    for (const l of m.lines) owner[l] = i;
    const list = ids.get(m.queueId);
    if (list) list.push(m);
    else ids.set(m.queueId, [m]);
  });
  return {
    at: (line) => (line >= 0 && line < owner.length && owner[line] >= 0 ? messages[owner[line]] : undefined),
    byQueueId: (id) => ids.get(id) ?? [],
  };
}
export { renderReportMarkdown, reportSections, type ReportSections, type ReportTable, type SectionOptions } from './render';
export { escapeHtml, renderReportHtml, type HtmlOptions } from './html';
export { CSV_COLUMNS, renderFailedRecipientsCsv } from './csv';
