import * as vscode from 'vscode';
import { renderMarkdown, renderRecipient } from '../core';
import type { Finding } from '../core';
import { findingAt, toRange } from './locate';
import { documentSelector, hoverEnabled, SECTION } from './settings';

/** The hover's Markdown: the core's explanation, plus what this line says about the recipient. */
export function hoverMarkdown(f: Finding): vscode.MarkdownString {
  let text = renderMarkdown(f.explanation);
  if (f.recipient) text += `\n\n---\n\nRecipient: ${renderRecipient(f.recipient)}`;
  // Untrusted: no command links, no HTML. Links to RFCs and the IANA registry are plain https.
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
  if (!hoverEnabled(doc)) return undefined;
  const f = findingAt(doc, pos);
  return f && new vscode.Hover(hoverMarkdown(f), toRange(f.range));
}

const hoverProvider: vscode.HoverProvider = { provideHover: hoverAt };

/** Registered for the configured languages; re-registered when `smtpLens.languages` changes. */
export function registerHover(context: vscode.ExtensionContext): void {
  let registration = vscode.languages.registerHoverProvider(documentSelector(), hoverProvider);
  context.subscriptions.push(
    { dispose: () => registration.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SECTION}.languages`)) return;
      registration.dispose();
      registration = vscode.languages.registerHoverProvider(documentSelector(), hoverProvider);
    }),
  );
}
