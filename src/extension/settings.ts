import * as vscode from 'vscode';

/** The `smtpLens.*` settings, read fresh each time (cheap) so that changes apply without reload. */
export const SECTION = 'smtpLens';

export type TransientSeverity = 'warning' | 'information' | 'hint' | 'off';
/** Refusals by this host's own server (inbound): its policy working, information by default. */
export type InboundSeverity = 'error' | TransientSeverity;

export const DEFAULT_LANGUAGES = ['log', 'smtp-transcript', 'mail-log', 'plaintext', 'email'];

/** Documents shown by VS Code itself (output channels, our own explanations, diffs of git objects) get no problems. */
const NO_DIAGNOSTICS_SCHEMES = new Set(['output', 'smtp-lens', 'git', 'vscode-scm', 'debug', 'vscode-settings']);

export function languageIds(): string[] {
  const ids = vscode.workspace.getConfiguration(SECTION).get<string[]>('languages', DEFAULT_LANGUAGES);
  return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string' && id.length > 0) : DEFAULT_LANGUAGES;
}

/** A document selector for the providers: every scheme, the configured languages. */
export function documentSelector(): vscode.DocumentSelector {
  return languageIds().map((language) => ({ language }));
}

export function isEnabledLanguage(doc: vscode.TextDocument): boolean {
  return languageIds().includes(doc.languageId);
}

/** Settings that users may scope to a language (`"[log]": { ... }`) are read with the document as scope. */
function forDocument(doc: vscode.TextDocument): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, { uri: doc.uri, languageId: doc.languageId });
}

export function hoverEnabled(doc: vscode.TextDocument): boolean {
  return isEnabledLanguage(doc) && forDocument(doc).get<boolean>('hover.enabled', true);
}

export interface DiagnosticsSettings {
  transientSeverity: TransientSeverity;
  inboundSeverity: InboundSeverity;
  /** A deferral delivered later in the same file: a faded hint in the editor, or nothing. */
  deliveredDeferrals: 'hint' | 'off';
  /** Retries that broke the backoff guidance, as information entries. */
  retryReview: boolean;
  /** Most problems listed for one file, the "N more" note included. */
  maxProblems: number;
  /** Larger documents are not scanned for problems (hovers still work). */
  maxFileSizeMB: number;
}

export function diagnosticsSettings(doc: vscode.TextDocument): DiagnosticsSettings | null {
  if (NO_DIAGNOSTICS_SCHEMES.has(doc.uri.scheme) || !isEnabledLanguage(doc)) return null;
  const c = forDocument(doc);
  if (!c.get<boolean>('diagnostics.enabled', true)) return null;
  const severity = c.get<TransientSeverity>('diagnostics.transientSeverity', 'warning');
  const inbound = c.get<InboundSeverity>('diagnostics.inboundSeverity', 'information');
  return {
    transientSeverity: ['warning', 'information', 'hint', 'off'].includes(severity) ? severity : 'warning',
    inboundSeverity: ['error', 'warning', 'information', 'hint', 'off'].includes(inbound) ? inbound : 'information',
    deliveredDeferrals: c.get<string>('diagnostics.deliveredDeferrals', 'hint') === 'off' ? 'off' : 'hint',
    retryReview: c.get<boolean>('diagnostics.retryReview', true) !== false,
    maxProblems: clamp(Math.floor(c.get<number>('diagnostics.maxProblems', 500)), 1, 1000),
    maxFileSizeMB: Math.max(0, c.get<number>('diagnostics.maxFileSizeMB', 50)),
  };
}

const clamp = (n: number, lo: number, hi: number) => (Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : hi);
