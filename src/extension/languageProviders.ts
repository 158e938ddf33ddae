import * as vscode from 'vscode';
import { documentSelector, SECTION } from './settings';

/**
 * Providers for the configured languages, registered again when `smtpLens.languages` changes, or one of the settings
 * in `also`: VS Code keeps a document's symbols until its text or the providers change, so an outline that depends
 * on a setting is registered again for it to be asked again.
 */
export function registerForLanguages(context: vscode.ExtensionContext, register: (selector: vscode.DocumentSelector) => vscode.Disposable[], also: string[] = []): void {
  let registrations = register(documentSelector());
  context.subscriptions.push(
    { dispose: () => registrations.forEach((r) => r.dispose()) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (![`${SECTION}.languages`, ...also].some((s) => e.affectsConfiguration(s))) return;
      registrations.forEach((r) => r.dispose());
      registrations = register(documentSelector());
    }),
  );
}
