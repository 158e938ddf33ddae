import * as vscode from 'vscode';
import { codeLabel, escapeMarkdown, EventReader, REASONS, renderRecipient, STATE_SEVERITY, type RecipientState } from '../core';
import { isTooLarge, tooLargeMessage, whenReady, type LogModels } from './logModel';
import type { LogModel, ModelMessage, ModelRecipient } from './logModelBuild';

// Queue ids as links: the cursor on a Postfix queue id, an Exim message id, a Sendmail id … highlights every line of
// its message; Go to Definition goes to the message's first line; Find All References lists its lines; the hover
// sums the message up. The message is the log model's: the one this line belongs to, or the one it names (a bounce's
// `sender non-delivery notification: 5C3D…`, a content filter's `queued as 7E5F…`).

/** A queue id as a word: letters, digits and inner dashes (Exim's `1a2B3c-000Abc-De`). */
const ID_WORD = /[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/;

/**
 * Worth a look: five characters or more with a digit or a capital. Plain words (`relay`, `status`) are never queue
 * ids, and a cursor resting on one does not make the model build.
 */
function mayBeQueueId(word: string): boolean {
  return word.length >= 5 && /[0-9A-Z]/.test(word);
}

export interface QueueIdTarget {
  message: ModelMessage;
  /** The id under the cursor. */
  range: vscode.Range;
  model: LogModel;
}

/** The message of the queue id under a position, in a built model. */
export function messageAt(model: LogModel, doc: vscode.TextDocument, pos: vscode.Position): QueueIdTarget | undefined {
  const range = doc.getWordRangeAtPosition(pos, ID_WORD);
  if (!range) return undefined;
  const id = doc.getText(range);
  const candidates = model.index.byQueueId(id);
  if (candidates.length === 0) return undefined;
  const here = model.index.at(pos.line);
  if (here?.queueId === id) return { message: here, range, model };
  // A line that names another message: the bounce it made, the copy a filter queued, the message it is a bounce of.
  const named = here && (here.parent === id || here.children.some((c) => c.queueId === id));
  if (!named) return undefined;
  // A short Postfix id comes back in a long log: the message nearest this line.
  let best = candidates[0];
  for (const m of candidates) if (Math.abs(m.first - pos.line) < Math.abs(best.first - pos.line)) best = m;
  return { message: best, range, model };
}

/** Asks the model (building it when none is built) for the queue id under a position. */
export async function queueIdAt(models: LogModels, doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<QueueIdTarget | undefined> {
  const range = doc.getWordRangeAtPosition(pos, ID_WORD);
  if (!range || !mayBeQueueId(doc.getText(range))) return undefined;
  const model = models.peek(doc) ?? await whenReady(models.get(doc), token);
  if (!model || isTooLarge(model) || token.isCancellationRequested) return undefined;
  return messageAt(model, doc, pos);
}

/** Where the id is on a line of its message; the line's text when the line does not write it (IronPort's `Response`). */
export function idRange(doc: vscode.TextDocument, line: number, id: string): vscode.Range {
  const text = doc.lineAt(line).text;
  for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + id.length] ?? '';
    if (!/[A-Za-z0-9-]/.test(before) && !/[A-Za-z0-9-]/.test(after)) return new vscode.Range(line, at, line, at + id.length);
  }
  const start = doc.lineAt(line).firstNonWhitespaceCharacterIndex;
  return new vscode.Range(line, start, line, text.length);
}

/** Every line of a message, the first (where it starts) first. */
function linesOf(t: QueueIdTarget): number[] {
  return Array.from(t.model.linesOf(t.message)).filter((l) => l >= 0 && l < t.model.lines);
}

export function highlightsOf(doc: vscode.TextDocument, t: QueueIdTarget): vscode.DocumentHighlight[] {
  return linesOf(t).map((line, i) => new vscode.DocumentHighlight(idRange(doc, line, t.message.queueId),
    // Where the message starts reads as its "write"; every later line as a "read" of it.
    i === 0 ? vscode.DocumentHighlightKind.Write : vscode.DocumentHighlightKind.Read));
}

export function definitionOf(doc: vscode.TextDocument, t: QueueIdTarget): vscode.Location {
  return new vscode.Location(doc.uri, idRange(doc, t.message.first, t.message.queueId));
}

export function referencesOf(doc: vscode.TextDocument, t: QueueIdTarget, includeDeclaration: boolean): vscode.Location[] {
  return linesOf(t).filter((_, i) => includeDeclaration || i > 0).map((line) => new vscode.Location(doc.uri, idRange(doc, line, t.message.queueId)));
}

// ------------------------------------------------------------------------------------------------ the hover

/** How a recipient's final state reads in a sentence. */
const STATE_WORDS: Readonly<Record<RecipientState, string>> = {
  delivered: 'delivered', bounced: 'bounced', expired: 'expired (the queue lifetime ran out)', deferred: 'still deferred at the end of the log',
  forwarded: 'forwarded (queued again in this log)', rejected: 'rejected before queueing', unknown: 'no outcome in the log',
};

const MTA_NAMES: Readonly<Record<ModelMessage['mta'], string>> = {
  postfix: 'Postfix', exim: 'Exim', sendmail: 'Sendmail', exchange: 'Exchange', ironport: 'Cisco Secure Email (IronPort)',
};

/** At most this many recipients in a hover; a message to a list says how many more. */
const HOVER_RECIPIENTS = 12;

function recipientLine(r: ModelRecipient): string {
  const parts = [`${renderRecipient(r.address)} — **${STATE_WORDS[r.state]}**`];
  const reply = r.reply;
  if (reply && r.state !== 'delivered') {
    const code = codeLabel(reply);
    parts.push(`${code ? `${code}, ` : ''}${escapeMarkdown(REASONS[reply.reason]?.title ?? reply.reason)}`);
    if (reply.bounce === 'hard') parts.push('hard bounce: remove this address');
  }
  if (r.deferrals > 0) parts.push(`deferred ${r.deferrals}×${r.verdict && r.verdict !== 'ok' ? `, retries ${r.verdict}` : ''}`);
  return `- ${parts.join(' · ')} (line ${r.line + 1})`;
}

/** The hover on a queue id: the message in a few lines — who sent it, what became of each recipient, what it made. */
export function messageMarkdown(t: QueueIdTarget): vscode.MarkdownString {
  const m = t.message;
  const n = m.recipients.length;
  const counts = new Map<RecipientState, number>();
  for (const r of m.recipients) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  const summary = [...counts].sort((a, b) => STATE_SEVERITY[b[0]] - STATE_SEVERITY[a[0]]).map(([s, c]) => `${c} ${s}`).join(', ');
  const out = [`**Message ${escapeMarkdown(m.queueId)}** (${MTA_NAMES[m.mta]}) — ${n} recipient${n === 1 ? '' : 's'}${n ? `: ${summary}` : ''}`];
  const facts: string[] = [];
  if (m.sender !== null) facts.push(`From ${m.sender === '' ? '`<>` (a notification of the server)' : renderRecipient(m.sender)}`);
  if (m.messageId) facts.push(`Message-ID ${renderRecipient(m.messageId)}`);
  if (m.rejected) facts.push('refused as a whole before it was queued');
  if (facts.length) out.push(facts.join(' · '));
  if (n) {
    const shown = m.recipients.slice(0, HOVER_RECIPIENTS).map(recipientLine);
    if (n > HOVER_RECIPIENTS) shown.push(`- …and ${n - HOVER_RECIPIENTS} more`);
    out.push(shown.join('\n'));
  }
  const links: string[] = [];
  if (m.parent) links.push(`made by message ${escapeMarkdown(m.parent)}`);
  for (const c of m.children) links.push(`${c.kind === 'requeue' ? 'queued again as' : c.kind === 'bounce' ? 'bounce notification' : `${c.kind} notification`} ${escapeMarkdown(c.queueId)}`);
  if (links.length) out.push(links.join(' · '));
  const lines = m.lineCount;
  out.push(`*${lines} line${lines === 1 ? '' : 's'} from line ${m.first + 1}: Go to Definition jumps to the first, Find All References lists them.*`);
  const md = new vscode.MarkdownString(out.join('\n\n'), false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** The hover on a queue id, or undefined when the position is on none. */
export async function queueIdHover(models: LogModels, doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
  const range = doc.getWordRangeAtPosition(pos, ID_WORD);
  if (!range || !mayBeQueueId(doc.getText(range))) return undefined;
  const model = models.peek(doc) ?? await whenReady(models.get(doc), token);
  if (isTooLarge(model)) {
    // Said only on the queue id of the line, as the core reads the line alone; not on every word with a digit.
    if (new EventReader().read(doc.lineAt(pos.line).text)?.queueId !== doc.getText(range)) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(escapeMarkdown(tooLargeMessage(model))), range);
  }
  if (!model || token.isCancellationRequested) return undefined;
  const t = messageAt(model, doc, pos);
  return t && new vscode.Hover(messageMarkdown(t), t.range);
}

/** Highlights, definition and references on queue ids, for the configured languages. */
export function queueIdProviders(models: LogModels, selector: vscode.DocumentSelector): vscode.Disposable[] {
  return [
    vscode.languages.registerDocumentHighlightProvider(selector, {
      async provideDocumentHighlights(doc, pos, token) {
        const t = await queueIdAt(models, doc, pos, token);
        return t && highlightsOf(doc, t);
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      async provideDefinition(doc, pos, token) {
        const t = await queueIdAt(models, doc, pos, token);
        return t && definitionOf(doc, t);
      },
    }),
    vscode.languages.registerReferenceProvider(selector, {
      async provideReferences(doc, pos, context, token) {
        const t = await queueIdAt(models, doc, pos, token);
        return t && referencesOf(doc, t, context.includeDeclaration);
      },
    }),
  ];
}
