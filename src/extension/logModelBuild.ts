// A document's messages and delivery report, built in slices that give the thread back between them: the log model
// that queue-id links, the outline, the report webview and the failed-recipients commands read. No `vscode` here: the
// benchmark runs it in plain Node, and it runs unchanged in the web extension host (no Node APIs).
//
// The core's flow follows the messages; what the model keeps of them is what those features show: every line of a
// message, each recipient's state and deciding line, and a brief of the reply that explains a failure. Not the
// scanner's findings: with their explanations they cost ten times the log (about 80 MB for 10 MB of Postfix log).
import {
  createFlow, type Action, type Bounce, type DeliveryReport, type Finding, type FlowResult, type LinkKind, type MessageOrigin,
  type MessageTrail, type MtaId, type ReasonId, type RecipientState, type RetryVerdict,
} from '../core';
import { CHECK_EVERY, SLICE_MS, yieldNow } from './slicedScan';

/** What a failure's reply says, in a few fields: enough for a hover, an outline entry or a copied list. */
export interface ReplyBrief {
  code: number | null;
  enhanced: string | null;
  reason: ReasonId;
  action: Action;
  bounce: Bounce;
  /** The reply as the log writes it. */
  text: string;
}

export interface ModelRecipient {
  address: string;
  state: RecipientState;
  /** The 0-based line that decided its state (for `deferred`, the last deferral), else the first naming it. */
  line: number;
  attempts: number;
  deferrals: number;
  /** The reply that explains a failure (for an expiry, the last deferral's); null for a delivery. */
  reply: ReplyBrief | null;
  /** The retry review's verdict, when it was deferred. */
  verdict: RetryVerdict | null;
}

export interface ModelMessage {
  queueId: string;
  mta: MtaId;
  origin: MessageOrigin;
  /** `''` for the null sender `<>`; null: not in the log. */
  sender: string | null;
  messageId: string | null;
  /** Its first line (0-based): where it starts, its "definition". Every line: `LogModel.linesOf`. */
  first: number;
  /** Where its lines are in the model's line pool, and how many. */
  readonly linesAt: number;
  readonly lineCount: number;
  recipients: readonly ModelRecipient[];
  /** The most worrying state of its recipients; null without recipients. */
  worst: RecipientState | null;
  /** Refused as a whole before it was queued. */
  rejected: boolean;
  /** The messages it made (bounces, re-queued copies), and the one it was made by. */
  children: readonly { queueId: string; kind: LinkKind }[];
  parent: string | null;
}

/** A refusal before queueing (Postfix NOQUEUE, Exim and Sendmail ACLs). */
export interface ModelRejection {
  line: number;
  recipient: string | null;
  sender: string | null;
  reply: ReplyBrief | null;
}

/** Messages by line and by queue id. */
export interface ModelIndex {
  /** The message a 0-based line belongs to. */
  at(line: number): ModelMessage | undefined;
  /** Messages with this id, in order (a short Postfix id comes back once its first message is removed). */
  byQueueId(queueId: string): readonly ModelMessage[];
}

export interface LogModel {
  /** Lines read. */
  lines: number;
  /** Every line of a message, 0-based, ascending (a view, made on each call). */
  linesOf(m: ModelMessage): Int32Array;
  /** In the order of their first line. */
  messages: readonly ModelMessage[];
  rejections: readonly ModelRejection[];
  index: ModelIndex;
  report: DeliveryReport;
  stats: BuildStats;
}

export interface BuildStats {
  ms: number;
  slices: number;
  /** Longest slice of our own work. */
  longestSliceMs: number;
  /** Longest wait between two slices: the time others (GC, VS Code, other extensions) had the thread. */
  longestYieldMs: number;
}

export interface ModelSource {
  lineCount: number;
  lineAt(line: number): string;
  /** A time not earlier than the log's last line (the file's modification time): syslog writes no year. */
  referenceTime: number;
  /** The document's name, for the report's `file` fields. */
  name: string;
  /** Checked after each yield: a newer version, a close or a setting ends the build. */
  cancelled(): boolean;
  sliceMs?: number;
}

const NO_CHILDREN: readonly { queueId: string; kind: LinkKind }[] = Object.freeze([]);

function brief(f: Finding | null): ReplyBrief | null {
  if (!f) return null;
  const e = f.explanation;
  return { code: e.code, enhanced: e.enhanced, reason: e.reason, action: e.action, bounce: e.bounce, text: f.replyText ?? e.text };
}

/**
 * The lines of every message in one Int32Array, a message an offset and a count into it: a message of one or two
 * lines costs eight bytes, not a typed array of its own (about 150 bytes) or an array grown by push (about 150 more).
 */
class LinePool {
  private buf = new Int32Array(1 << 16);
  used = 0;

  add(lines: readonly number[]): number {
    if (this.used + lines.length > this.buf.length) {
      const grown = new Int32Array(Math.max(this.buf.length * 2, this.used + lines.length));
      grown.set(this.buf.subarray(0, this.used));
      this.buf = grown;
    }
    const at = this.used;
    this.buf.set(lines, at);
    this.used += lines.length;
    return at;
  }

  /** The final buffer, of the size used. */
  seal(): Int32Array {
    return this.buf.slice(0, this.used);
  }
}

function compactMessage(m: MessageTrail, pool: LinePool): ModelMessage {
  const first = m.lines.length ? m.lines[0] : 0;
  return {
    queueId: m.queueId, mta: m.mta, origin: m.origin, sender: m.sender, messageId: m.messageId,
    first, linesAt: pool.add(m.lines), lineCount: m.lines.length,
    recipients: m.recipients.map((r) => ({
      address: r.address, state: r.state, line: r.finalLine ?? r.attempts[0]?.line ?? first,
      attempts: r.attempts.length, deferrals: r.attempts.reduce((n, a) => n + (a.status === 'deferred' ? 1 : 0), 0),
      reply: r.state === 'delivered' || r.state === 'forwarded' ? null : brief(r.finding),
      verdict: r.review?.verdict ?? null,
    })),
    worst: m.worst, rejected: m.rejected,
    children: m.children.length ? m.children.slice() : NO_CHILDREN, parent: m.parent,
  };
}

function indexOf(messages: readonly ModelMessage[], pool: Int32Array, lineCount: number): ModelIndex {
  // One Int32Array over the lines, no object per line.
  const owner = new Int32Array(lineCount).fill(-1);
  const ids = new Map<string, ModelMessage[]>();
  messages.forEach((m, i) => {
    for (let k = m.linesAt; k < m.linesAt + m.lineCount; k++) if (pool[k] < lineCount) owner[pool[k]] = i;
    const list = ids.get(m.queueId);
    if (list) list.push(m);
    else ids.set(m.queueId, [m]);
  });
  return {
    at: (line) => (line >= 0 && line < owner.length && owner[line] >= 0 ? messages[owner[line]] : undefined),
    byQueueId: (id) => ids.get(id) ?? [],
  };
}

/**
 * Reads every line through the flow (its scanner reads the failures), then settles the messages and keeps their brief: every phase
 * in slices of `sliceMs`. Resolves with the model, or null when cancelled.
 */
export async function buildLogModel(src: ModelSource): Promise<LogModel | null> {
  const budget = src.sliceMs ?? SLICE_MS;
  const t0 = performance.now();
  // Without attempt replies the flow scans only the lines whose reply it reads (failures), as the CLI does.
  const flow = createFlow({ retain: true, attemptReplies: false, referenceTime: src.referenceTime, inputName: () => src.name });
  const stats: BuildStats = { ms: 0, slices: 0, longestSliceMs: 0, longestYieldMs: 0 };
  let line = 0;
  let result: FlowResult | null = null;
  const messages: ModelMessage[] = [];
  const pool = new LinePool();
  for (;;) {
    const start = performance.now();
    const over = () => performance.now() - start >= budget;
    let now = start;
    while (line < src.lineCount && now - start < budget) {
      const stop = Math.min(src.lineCount, line + CHECK_EVERY);
      for (; line < stop; line++) flow.push(src.lineAt(line));
      now = performance.now();
    }
    if (line >= src.lineCount && !over()) {
      result ??= flow.endPart(over);
      if (result) {
        const all = result.messages;
        for (let i = messages.length; i < all.length; i++) {
          messages.push(compactMessage(all[i], pool));
          if (i % 256 === 255 && over()) break;
        }
      }
    }
    stats.slices++;
    stats.longestSliceMs = Math.max(stats.longestSliceMs, performance.now() - start);
    if (result && messages.length === result.messages.length) break;
    const paused = performance.now();
    await yieldNow();
    stats.longestYieldMs = Math.max(stats.longestYieldMs, performance.now() - paused);
    if (src.cancelled()) return null;
  }
  const lines = pool.seal();
  const rejections = result.rejections.map((r) => ({ line: r.line, recipient: r.recipient, sender: r.sender, reply: brief(r.finding) }));
  stats.ms = performance.now() - t0;
  return {
    lines: src.lineCount, messages, rejections, index: indexOf(messages, lines, src.lineCount), report: result.report, stats,
    linesOf: (m) => lines.subarray(m.linesAt, m.linesAt + m.lineCount),
  };
}
