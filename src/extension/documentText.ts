// A document's lines read a chunk at a time. Not `lineAt`: VS Code keeps every TextLine it makes for as long as the
// document is open (236,718 objects for a 50 MB log, each young when made, each copied by the next collection).
import * as vscode from 'vscode';
import { splitLines } from './slicedScan';

/** Lines [from, to) as one string, joined by the document's line breaks. */
export function textOf(doc: vscode.TextDocument, from: number, to: number): string {
  // The end of the last line: a character past it is moved back to it.
  return doc.getText(new vscode.Range(from, 0, to - 1, Number.MAX_SAFE_INTEGER));
}

/** Lines [from, to) as strings. */
export function linesOf(doc: vscode.TextDocument, from: number, to: number): string[] {
  return splitLines(textOf(doc, from, to));
}
