import * as vscode from 'vscode';
import { explain, hasReplyCode, listKnownCodes, renderCodeReference, renderFindingMarkdown, renderMarkdown, renderRecipient, replyInLine } from '../core';
import type { Explanation, Fact, Finding } from '../core';
import { ExplanationDocuments } from './explanationDocument';
import { findingsIn, targetAt } from './locate';

export const EXPLAIN_COMMAND = 'smtpLens.explainReply';
export const BROWSE_COMMAND = 'smtpLens.browseCodes';
/** More replies than this in one selection are counted, not rendered: the document stays readable. */
const MAX_REPLIES = 50;
/** A selection is read up to this many lines (a select-all in a 50 MB log must not block). */
const MAX_SELECTION_LINES = 5000;

/** What the command did; returned to callers (tests, other extensions) as well as shown. */
export interface ExplainResult {
  /** The explanation document, opened beside the editor. */
  uri?: vscode.Uri;
  markdown?: string;
  /** Replies explained. */
  replies: number;
  /** Why nothing was explained; also shown as an error message. */
  error?: string;
  /** The user dismissed the input box or the code list. */
  cancelled?: boolean;
}

const NO_REPLY_HINT = 'expected a reply code (550), an enhanced status code (5.1.1) or a reply line (550 5.1.1 User unknown)';

/** The input box's validation: a message when the text holds no SMTP reply, nothing when it does (or is empty). */
export function validateReplyInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  return hasReplyCode(explain(value)) ? undefined : `No SMTP reply in this text: ${NO_REPLY_HINT}.`;
}

/**
 * A selection the scanner does not recognise in its document (a reply pasted into a note) counts
 * when it begins with the code the core reads in it: "550 5.1.1 User unknown" does, a web log
 * line that merely contains "500" does not.
 */
function selectedReply(text: string): Explanation | null {
  const e = explain(text);
  const head = text.trimStart();
  const leads = [e.code, e.enhanced].some((c) => c !== null && head.startsWith(String(c)));
  return hasReplyCode(e) && leads ? e : null;
}

function quote(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * One thing to explain: a reply (found in a document: its finding, perhaps on one of its outcome facts), or
 * a code from the code list, which is shown as a reference entry rather than as a reply.
 */
interface Item { explanation: Explanation | null; where?: string; recipient?: string | null; finding?: Finding; fact?: Fact; code?: string }

function render(items: Item[], total: number, title: string | null): string {
  const parts: string[] = [];
  if (title) parts.push(`# ${title}\n`);
  for (const it of items) {
    let md = it.code !== undefined ? renderCodeReference(it.code) : it.finding ? renderFindingMarkdown(it.finding, it.fact) : renderMarkdown(it.explanation!);
    const context = [it.where, it.recipient ? `recipient ${renderRecipient(it.recipient)}` : null].filter(Boolean);
    if (context.length) md += `\n\n*Found at ${context.join(', ')}.*`;
    parts.push(md);
  }
  if (total > items.length) parts.push(`*…and ${total - items.length} more replies, not shown.*`);
  return parts.join('\n\n---\n\n') + '\n';
}

function docName(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() || doc.uri.toString();
}

function fromFindings(doc: vscode.TextDocument, findings: Finding[], fact?: Fact): Item[] {
  const name = docName(doc);
  return findings.map((f) => ({
    explanation: f.explanation,
    where: `${name}:${f.range.start.line + 1}`,
    recipient: f.recipient,
    finding: f,
    ...(fact ? { fact } : {}),
  }));
}

/** What the user gave: a reply typed in the input box, or codes picked from the code list. */
type Answer = { reply: string } | { codes: string[] };

/** Asks for a reply: an input box with validation; an empty Enter or the list button browses the known codes. */
async function askForReply(): Promise<Answer | undefined> {
  const box = vscode.window.createInputBox();
  const browse: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('list-unordered'), tooltip: 'Browse every known code' };
  box.title = 'Explain SMTP Reply';
  box.prompt = 'Paste a server reply, a reply code or an enhanced status code. Press Enter on an empty box to browse every known code.';
  box.placeholder = '550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown';
  box.buttons = [browse];
  box.ignoreFocusOut = false;
  const answer = await new Promise<string | 'browse' | undefined>((resolve) => {
    box.onDidChangeValue((v) => { box.validationMessage = validateReplyInput(v); });
    box.onDidTriggerButton(() => { resolve('browse'); box.hide(); });
    box.onDidAccept(() => {
      const v = box.value;
      if (v.trim() === '') { resolve('browse'); box.hide(); return; }
      const problem = validateReplyInput(v);
      if (problem) { box.validationMessage = problem; return; }
      resolve(v);
      box.hide();
    });
    box.onDidHide(() => resolve(undefined));
    box.show();
  });
  box.dispose();
  if (answer !== 'browse') return answer === undefined ? undefined : { reply: answer };
  const codes = await browseCodes();
  return codes && { codes };
}

const KIND_LABEL = { basic: 'Reply codes (RFC 5321 and extensions)', enhanced: 'Enhanced status codes (RFC 3463, IANA)', vendor: 'Provider codes' } as const;

type CodeItem = vscode.QuickPickItem & { code?: string };

/**
 * Registry codes are written `X.2.2` (any class); someone looking up "5.2.2" should find them, which
 * the quick pick's own filter does not do: such items are shown regardless of the filter.
 */
function showTypedCode(items: CodeItem[], value: string): CodeItem[] {
  const typed = /^\s*[245](\.\d{1,3}\.\d{1,3})\s*$/.exec(value);
  return items.map((it) => {
    const alwaysShow = !!typed && it.code === `X${typed[1]}`;
    return it.alwaysShow === alwaysShow ? it : { ...it, alwaysShow };
  });
}

/** Every known code in a quick pick, filtered by number or by words in the titles and descriptions. */
export async function browseCodes(): Promise<string[] | undefined> {
  const items: CodeItem[] = [];
  let kind: string | undefined;
  for (const c of listKnownCodes()) {
    if (c.kind !== kind) { kind = c.kind; items.push({ label: KIND_LABEL[c.kind], kind: vscode.QuickPickItemKind.Separator }); }
    items.push({ label: c.code, description: c.title, detail: c.description, code: c.code });
  }
  const pick = vscode.window.createQuickPick<CodeItem>();
  pick.title = 'SMTP reply codes';
  pick.placeholder = 'Filter by number (452, 5.2.2) or by words (mailbox full, greylisted)';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = items;
  const picked = await new Promise<CodeItem | undefined>((resolve) => {
    pick.onDidChangeValue((v) => {
      const next = showTypedCode(pick.items as CodeItem[], v);
      if (next.some((it, i) => it !== pick.items[i])) pick.items = next;
    });
    pick.onDidAccept(() => { resolve(pick.selectedItems[0]); pick.hide(); });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  const value = pick.value;
  pick.dispose();
  if (!picked?.code) return undefined;
  if (!picked.code.startsWith('X.')) return [picked.code];
  // A registry code holds for any class: explained as the class typed, else as both failures.
  const typed = /^\s*([245])\.\d/.exec(value);
  return (typed ? [typed[1]] : ['4', '5']).map((cls) => cls + picked.code!.slice(1));
}

async function showBeside(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    // No Markdown preview (the built-in extension disabled): the Markdown source is readable too.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

function fail(error: string): ExplainResult {
  void vscode.window.showErrorMessage(error);
  return { replies: 0, error };
}

/**
 * Explains, in this order: the text passed by a caller, the selection, the reply under the cursor;
 * with none of these it asks.
 */
export async function explainReply(docs: ExplanationDocuments, arg?: unknown): Promise<ExplainResult> {
  let items: Item[] = [];
  let total = 0;
  let title: string | null = null;
  const editor = vscode.window.activeTextEditor;

  if (typeof arg === 'string' || (Array.isArray(arg) && arg.every((a) => typeof a === 'string'))) {
    const texts: string[] = typeof arg === 'string' ? [arg] : arg;
    const explained = texts.map((t) => explain(t));
    const bad = texts.find((_, i) => !hasReplyCode(explained[i]));
    if (bad !== undefined || texts.length === 0) return fail(`"${quote(bad ?? '')}" holds no SMTP reply: ${NO_REPLY_HINT}.`);
    items = explained.map((explanation) => ({ explanation }));
  } else if (Array.isArray(arg) && arg.every((a) => typeof a === 'object' && a !== null && typeof (a as { code?: unknown }).code === 'string')) {
    // Codes from the code list: each code's own meaning, no advice meant for a real reply.
    items = (arg as { code: string }[]).map(({ code }) => ({ explanation: null, code }));
  } else if (editor && !editor.selection.isEmpty) {
    const found = findingsIn(editor.document, editor.selection, MAX_SELECTION_LINES);
    if (found.length > 0) {
      items = fromFindings(editor.document, found.slice(0, MAX_REPLIES));
      total = found.length;
      const lines = editor.selection.end.line - editor.selection.start.line;
      const where = lines >= MAX_SELECTION_LINES ? `the first ${MAX_SELECTION_LINES.toLocaleString('en-US')} lines of the selection` : 'the selection';
      if (found.length > 1) title = `${found.length} SMTP replies in ${where}`;
    } else {
      const e = selectedReply(editor.document.getText(editor.selection));
      if (!e) return fail(`The selection holds no SMTP reply: ${NO_REPLY_HINT}.`);
      items = [{ explanation: e }];
    }
  } else {
    const pos = editor?.selection.active;
    const t = editor && pos && targetAt(editor.document, pos);
    // No reply found under the cursor: the cursor's line, when it holds a code or a reply's words.
    const lineReply = editor && pos && !t ? replyInLine(editor.document.lineAt(pos.line).text) : null;
    if (editor && t) {
      items = fromFindings(editor.document, [t.finding], t.fact);
    } else if (editor && pos && lineReply) {
      items = [{ explanation: explain(lineReply), where: `${docName(editor.document)}:${pos.line + 1}` }];
    } else {
      const answer = await askForReply();
      if (answer === undefined) return { replies: 0, cancelled: true };
      items = 'reply' in answer ? [{ explanation: explain(answer.reply) }] : answer.codes.map((code) => ({ explanation: null, code }));
    }
  }

  const markdown = render(items, total, title);
  const uri = docs.add(markdown, items[0]?.explanation ?? (items[0]?.code !== undefined ? explain(items[0].code) : null));
  await showBeside(uri);
  return { uri, markdown, replies: Math.max(total, items.length) };
}

export function registerExplainCommand(context: vscode.ExtensionContext, docs: ExplanationDocuments): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPLAIN_COMMAND, (arg?: unknown) => explainReply(docs, arg)),
    vscode.commands.registerCommand(BROWSE_COMMAND, async () => {
      const codes = await browseCodes();
      return codes === undefined ? { replies: 0, cancelled: true } : explainReply(docs, codes.map((code) => ({ code })));
    }),
  );
}
