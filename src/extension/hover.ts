import * as vscode from 'vscode';
import { renderFindingMarkdown, renderRecipient } from '../core';
import type { Fact, Finding } from '../core';
import { targetAt, toRange } from './locate';
import type { LogModels } from './logModel';
import { queueIdHover } from './queueIds';
import { documentSelector, hoverEnabled, SECTION } from './settings';

/**
 * The hover's Markdown: the core's explanation (on an outcome fact, what the fact means first), plus what
 * this line says about the recipient.
 */
export function hoverMarkdown(f: Finding, fact?: Fact): vscode.MarkdownString {
  let text = renderFindingMarkdown(f, fact);
  if (f.recipient) text += `\n\n---\n\nRecipient: ${renderRecipient(f.recipient)}`;
  // Untrusted: no command links, no HTML. Links to RFCs and the IANA registry are plain https.
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
  if (!hoverEnabled(doc)) return undefined;
  const t = targetAt(doc, pos);
  return t && new vscode.Hover(hoverMarkdown(t.finding, t.fact), toRange(t.fact?.range ?? t.finding.range));
}

/** A reply (or its outcome fact) under the mouse; else a queue id, summed up from the document's messages. */
function hoverProvider(models: LogModels): vscode.HoverProvider {
  return {
    provideHover: (doc, pos, token) => (hoverEnabled(doc) ? hoverAt(doc, pos) ?? queueIdHover(models, doc, pos, token) : undefined),
  };
}

/** Registered for the configured languages; re-registered when `smtpLens.languages` changes. */
export function registerHover(context: vscode.ExtensionContext, models: LogModels): void {
  const provider = hoverProvider(models);
  let registration = vscode.languages.registerHoverProvider(documentSelector(), provider);
  context.subscriptions.push(
    { dispose: () => registration.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SECTION}.languages`)) return;
      registration.dispose();
      registration = vscode.languages.registerHoverProvider(documentSelector(), provider);
    }),
  );
}
