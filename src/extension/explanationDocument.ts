import * as vscode from 'vscode';
import { explain, hasReplyCode, renderMarkdown } from '../core';
import type { Explanation, Finding } from '../core';

/** Explanations are virtual Markdown documents on this scheme: readable in the web too, no webview of our own. */
export const SCHEME = 'smtp-lens';

/** The reply as one line, as `explain` reads it back. */
export function replyText(e: Explanation): string {
  return [e.code, e.enhanced, e.text].filter((part) => part !== null && part !== '').join(' ');
}

function fileName(e: Pick<Explanation, 'code' | 'enhanced'> | null, fallback: string): string {
  const codes = e ? [e.code, e.enhanced].filter((c) => c !== null).join(' ') : '';
  return `${(codes || fallback).replace(/[/\\?#%]/g, '_')}.md`;
}

/**
 * A stateless address for the explanation of one reply (the diagnostics' code links): the reply
 * travels in the query and is explained again when the document is opened; what the scanner knew of it
 * (inbound, the class a log gives a failure without a code) travels in the fragment.
 */
export function explanationUri(e: Pick<Explanation, 'code' | 'enhanced' | 'class'>, text: string, f?: Pick<Finding, 'direction'>): vscode.Uri {
  const context = new URLSearchParams();
  if (f?.direction) context.set('direction', f.direction);
  if (!hasReplyCode(e) && (e.class === 'permanent' || e.class === 'transient')) context.set('class', e.class);
  return vscode.Uri.from({ scheme: SCHEME, path: `/explain/${fileName(e, 'SMTP reply')}`, query: text, fragment: context.toString() });
}

/** The explanation an `explanationUri` stands for. */
function explainUri(uri: vscode.Uri): string {
  const context = new URLSearchParams(uri.fragment);
  const cls = context.get('class');
  const direction = context.get('direction');
  const e = explain(uri.query, cls === 'permanent' || cls === 'transient' ? { classHint: cls } : undefined);
  return renderMarkdown(e, { direction: direction === 'inbound' || direction === 'outbound' ? direction : null, consequenceOf: null });
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
    if (uri.path.startsWith('/explain/')) return explainUri(uri);
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
