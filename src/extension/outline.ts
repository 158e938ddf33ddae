import * as vscode from 'vscode';
import { codeLabel, EventReader, STATE_SEVERITY } from '../core';
import { isTooLarge, tooLargeMessage, whenReady, type LogModels } from './logModel';
import type { LogModel, ModelMessage, ModelRecipient, ModelRejection, ReplyBrief } from './logModelBuild';
import { idRange } from './queueIds';
import { SECTION } from './settings';

// The outline of a mail log: its messages (queue id, sender, recipients, worst outcome), each recipient a child, and
// the refusals before queueing. Outline view, breadcrumbs and Go to Symbol (Ctrl+Shift+O) navigate a log by message.
// A big log lists its failures first: at most `smtpLens.outline.maxMessages` entries, and one more that says so.

export function maxOutlineMessages(doc: vscode.TextDocument): number {
  const v = vscode.workspace.getConfiguration(SECTION, doc).get<number>('outline.maxMessages', 2000);
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(20000, Math.max(1, Math.floor(v))) : 2000;
}

function replyWords(reply: ReplyBrief | null): string {
  if (!reply) return '';
  const code = codeLabel(reply);
  return code ? `${code} ${reply.reason}` : reply.reason;
}

/** Where a text is on a line, else the line's text: a symbol's selection. */
function textRange(doc: vscode.TextDocument, line: number, text: string | null): vscode.Range {
  const l = doc.lineAt(line);
  const at = text ? l.text.indexOf(text) : -1;
  return at >= 0 ? new vscode.Range(line, at, line, at + text!.length) : new vscode.Range(line, l.firstNonWhitespaceCharacterIndex, line, l.text.length);
}

/** A recipient's range: the line that decided its state (outside its message's range when messages interleave). */
function recipientSymbol(doc: vscode.TextDocument, r: ModelRecipient, first: number): vscode.DocumentSymbol {
  const line = r.line >= 0 && r.line < doc.lineCount ? r.line : first;
  const detail = [r.state, replyWords(r.reply)].filter(Boolean).join(' · ');
  return new vscode.DocumentSymbol(r.address || '(no address)', detail, vscode.SymbolKind.Field, doc.lineAt(line).range, textRange(doc, line, r.address));
}

/** Longest span checked for other messages' lines; a longer message gets its first line as its range. */
const MAX_SPAN_CHECK = 1000;

/**
 * A message's range: from its first to its last line when no other message has a line in between, else its first
 * line only. Breadcrumbs and the outline's "follow cursor" take the first symbol whose range holds the cursor:
 * messages interleaved in a busy log would otherwise name another message than the one of the cursor's line.
 */
function messageRange(doc: vscode.TextDocument, model: LogModel, m: ModelMessage): vscode.Range {
  const lines = model.linesOf(m);
  const last = Math.min(doc.lineCount - 1, lines.length ? lines[lines.length - 1] : m.first);
  let whole = last - m.first <= MAX_SPAN_CHECK;
  for (let l = m.first + 1; whole && l < last; l++) {
    const owner = model.index.at(l);
    if (owner && owner !== m) whole = false;
  }
  const end = whole ? last : m.first;
  return new vscode.Range(m.first, 0, end, doc.lineAt(end).text.length);
}

function messageSymbol(doc: vscode.TextDocument, model: LogModel, m: ModelMessage): vscode.DocumentSymbol {
  const range = messageRange(doc, model, m);
  const n = m.recipients.length;
  const detail = [
    m.sender === null ? null : m.sender === '' ? 'from <>' : `from ${m.sender}`,
    `${n} recipient${n === 1 ? '' : 's'}`,
    m.rejected ? 'rejected' : m.worst,
  ].filter(Boolean).join(' · ');
  const symbol = new vscode.DocumentSymbol(m.queueId, detail, vscode.SymbolKind.Object, range, idRange(doc, m.first, m.queueId));
  symbol.children = m.recipients.map((r) => recipientSymbol(doc, r, m.first));
  return symbol;
}

function rejectionSymbol(doc: vscode.TextDocument, r: ModelRejection): vscode.DocumentSymbol {
  const detail = ['rejected before queueing', replyWords(r.reply)].filter(Boolean).join(' · ');
  return new vscode.DocumentSymbol(r.recipient ?? 'rejected', detail, vscode.SymbolKind.Event, doc.lineAt(r.line).range, textRange(doc, r.line, r.recipient));
}

function note(text: string, detail: string): vscode.DocumentSymbol {
  const at = new vscode.Range(0, 0, 0, 0);
  return new vscode.DocumentSymbol(text, detail, vscode.SymbolKind.Null, at, at);
}

type Entry = { line: number; severity: number; make: () => vscode.DocumentSymbol };

/** The outline's symbols, in document order; over `max`, the most worrying entries first, and a note. */
export function symbolsOf(doc: vscode.TextDocument, model: LogModel, max: number): vscode.DocumentSymbol[] {
  const entries: Entry[] = [];
  for (const m of model.messages) {
    if (m.first >= doc.lineCount) continue;
    entries.push({ line: m.first, severity: m.rejected ? STATE_SEVERITY.rejected : m.worst ? STATE_SEVERITY[m.worst] : 0, make: () => messageSymbol(doc, model, m) });
  }
  for (const r of model.rejections) {
    if (r.line < doc.lineCount) entries.push({ line: r.line, severity: STATE_SEVERITY.rejected, make: () => rejectionSymbol(doc, r) });
  }
  let kept = entries;
  if (entries.length > max) {
    // Array.prototype.sort is stable: within a severity, document order.
    kept = [...entries].sort((a, b) => b.severity - a.severity).slice(0, max);
  }
  kept.sort((a, b) => a.line - b.line);
  const symbols = kept.map((e) => e.make());
  if (entries.length > kept.length) {
    const more = entries.length - kept.length;
    symbols.unshift(note(`${more.toLocaleString('en-US')} more messages not listed`,
      `failures first; raise smtpLens.outline.maxMessages (${max.toLocaleString('en-US')}) to list more`));
  }
  return symbols;
}

/** A mail server's log, by its first lines: only such a log is told it is too large to follow (not any big text). */
function looksLikeMailLog(doc: vscode.TextDocument): boolean {
  const reader = new EventReader();
  for (let i = 0; i < Math.min(doc.lineCount, 500); i++) if (reader.read(doc.lineAt(i).text)) return true;
  return false;
}

export function outlineProviders(models: LogModels, selector: vscode.DocumentSelector): vscode.Disposable[] {
  return [vscode.languages.registerDocumentSymbolProvider(selector, {
    async provideDocumentSymbols(doc, token) {
      const model = models.peek(doc) ?? await whenReady(models.get(doc), token);
      if (!model || token.isCancellationRequested) return undefined;
      if (isTooLarge(model)) return looksLikeMailLog(doc) ? [note('Messages not followed: the log is too large', tooLargeMessage(model))] : undefined;
      return symbolsOf(doc, model, maxOutlineMessages(doc));
    },
  }, { label: 'SMTP Lens messages' })];
}
