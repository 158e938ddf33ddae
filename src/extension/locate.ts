import * as vscode from 'vscode';
import { createScanner, factAt } from '../core';
import type { Fact, Finding, Range as CoreRange } from '../core';

/**
 * Lines scanned on each side of a position to find the reply under it. A reply that spans more
 * lines than this (a very long EHLO list) is still found from any of its first RADIUS lines.
 */
const RADIUS = 40;

export function toRange(r: CoreRange, lineOffset = 0): vscode.Range {
  return new vscode.Range(r.start.line + lineOffset, r.start.character, r.end.line + lineOffset, r.end.character);
}

function shift(r: CoreRange, by: number): CoreRange {
  return by === 0 ? r : {
    start: { line: r.start.line + by, character: r.start.character },
    end: { line: r.end.line + by, character: r.end.character },
  };
}

function shiftFinding(f: Finding, by: number): Finding {
  if (by === 0) return f;
  return {
    ...f,
    range: shift(f.range, by),
    codeRange: f.codeRange && shift(f.codeRange, by),
    enhancedRange: f.enhancedRange && shift(f.enhancedRange, by),
    facts: f.facts.map((x) => ({ ...x, range: shift(x.range, by) })),
    consequenceOf: f.consequenceOf && { line: f.consequenceOf.line + by },
  };
}

/** `end` is exclusive, so the character just after a reply is not part of it. */
export function contains(r: CoreRange, line: number, character: number): boolean {
  const afterStart = line > r.start.line || (line === r.start.line && character >= r.start.character);
  const beforeEnd = line < r.end.line || (line === r.end.line && character < r.end.character);
  return afterStart && beforeEnd;
}

/** The findings of lines [from, to] of a document, their line numbers counted from `from`. */
function scanWindow(doc: vscode.TextDocument, from: number, to: number): Finding[] {
  const scanner = createScanner();
  const out: Finding[] = [];
  for (let i = from; i <= to; i++) out.push(...scanner.push(doc.lineAt(i).text));
  out.push(...scanner.end());
  return out;
}

/**
 * The findings of lines [first, last] of a document, scanned with the line scanner so that only
 * those lines are read (a hover in a 50 MB log reads ~80 lines, not the file).
 */
export function scanLines(doc: vscode.TextDocument, first: number, last: number): Finding[] {
  const from = Math.max(0, first);
  return scanWindow(doc, from, Math.min(doc.lineCount - 1, last)).map((f) => shiftFinding(f, from));
}

/** A reply under a position, and the outcome fact of it there (`status=bounced`, `**`, `Action: failed`), if any. */
export interface Target {
  finding: Finding;
  fact?: Fact;
}

/**
 * The reply under a position, or the reply whose outcome fact is under it: a multi-line reply is found from
 * any of its lines. Only that finding is moved to document lines (a copy reads its explanation; the others'
 * are never computed).
 */
export function targetAt(doc: vscode.TextDocument, pos: vscode.Position): Target | undefined {
  const from = Math.max(0, pos.line - RADIUS);
  const at = { line: pos.line - from, character: pos.character };
  for (const f of scanWindow(doc, from, Math.min(doc.lineCount - 1, pos.line + RADIUS))) {
    if (contains(f.range, at.line, at.character)) return { finding: shiftFinding(f, from) };
    const fact = factAt(f.facts, at);
    if (fact) {
      const finding = shiftFinding(f, from);
      return { finding, fact: factAt(finding.facts, pos) };
    }
  }
  return undefined;
}

/** The reply under a position (on its text or on one of its outcome facts). */
export function findingAt(doc: vscode.TextDocument, pos: vscode.Position): Finding | undefined {
  return targetAt(doc, pos)?.finding;
}

/**
 * The replies that a selection touches, read with the context of their whole lines. A selection
 * of a whole big log is read up to `maxLines` lines: the command answers at once, not after a scan.
 */
export function findingsIn(doc: vscode.TextDocument, selection: vscode.Range, maxLines = Infinity): Finding[] {
  const sel = selection.end.line - selection.start.line >= maxLines
    ? new vscode.Range(selection.start, new vscode.Position(selection.start.line + maxLines, 0))
    : selection;
  return scanLines(doc, sel.start.line - RADIUS, sel.end.line + RADIUS).filter((f) => {
    const r = toRange(f.range);
    const overlap = r.intersection(sel);
    return overlap !== undefined && (!overlap.isEmpty || sel.isEmpty);
  });
}
