import * as vscode from 'vscode';
import { explain, renderMarkdown } from '../core';
import type { Explanation } from '../core';

/** Explanations are virtual Markdown documents on this scheme: readable in the web too, no webview of our own. */
export const SCHEME = 'smtp-lens';

/** The reply as one line, as `explain` reads it back. */
export function replyText(e: Explanation): string {
  return [e.code, e.enhanced, e.text].filter((part) => part !== null && part !== '').join(' ');
}

function fileName(e: Explanation | null, fallback: string): string {
  const codes = e ? [e.code, e.enhanced].filter((c) => c !== null).join(' ') : '';
  return `${(codes || fallback).replace(/[/\\?#%]/g, '_')}.md`;
}

/**
 * A stateless address for the explanation of one reply (the diagnostics' code links): the reply
 * travels in the query and is explained again when the document is opened.
 */
export function explanationUri(e: Explanation, text = replyText(e)): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/explain/${fileName(e, 'SMTP reply')}`, query: text });
}

/** Results of the command (several replies, where they were found) are kept by address, the last few only. */
const KEEP = 20;

export class ExplanationDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly results = new Map<string, string>();
  private counter = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    const kept = this.results.get(uri.toString());
    if (kept !== undefined) return kept;
    if (uri.path.startsWith('/explain/')) return renderMarkdown(explain(uri.query));
    return '# SMTP Lens\n\nThis explanation is no longer available: run **SMTP: Explain SMTP Reply** again.\n';
  }

  /** Keeps a rendered result and returns its address. */
  add(markdown: string, first: Explanation | null): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/result/${++this.counter}/${fileName(first, 'SMTP replies')}` });
    this.results.set(uri.toString(), markdown);
    while (this.results.size > KEEP) this.results.delete(this.results.keys().next().value as string);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.results.clear();
  }
}
