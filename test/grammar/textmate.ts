// Loads our grammars (and VS Code's built-in log grammar, which the injection targets, when VS Code is installed:
// test/support/logGrammar.ts) into vscode-textmate on vscode-oniguruma, as VS Code does. Shared by the grammar tests
// and bench/grammar-bench.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { LOG_GRAMMAR } from '../support/logGrammar';
import { PROJECT_ROOT } from '../support/root';

export { CORPUS } from '../support/corpus';
export { LOG_GRAMMAR };
export const ROOT = PROJECT_ROOT;

export const SCOPE = {
  mailLog: 'text.mail-log',
  transcript: 'text.smtp-transcript',
  injection: 'text.log.smtp-lens.injection',
  log: 'text.log',
} as const;

interface GrammarContribution { scopeName: string; path: string; injectTo?: string[] }

/** The grammars package.json contributes, plus the built-in log grammar when VS Code is installed. */
function grammarFiles(): GrammarContribution[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { grammars: GrammarContribution[] };
  };
  const ours = pkg.contributes.grammars.map((g) => ({ ...g, path: path.resolve(ROOT, g.path) }));
  return LOG_GRAMMAR ? [...ours, { scopeName: SCOPE.log, path: LOG_GRAMMAR }] : ours;
}

let onig: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onig ??= (async () => {
    const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onig;
}

/** A fresh registry; `withInjection: false` loads the built-in log grammar alone, as VS Code shows it without us. */
export function createRegistry(options: { withInjection?: boolean } = {}): vsctm.Registry {
  const files = grammarFiles();
  const byScope = new Map(files.map((g) => [g.scopeName, g]));
  return new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      const g = byScope.get(scopeName);
      return g ? vsctm.parseRawGrammar(fs.readFileSync(g.path, 'utf8'), g.path) : null;
    },
    getInjections: (scopeName) => (options.withInjection === false
      ? []
      : files.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName)),
  });
}

export async function loadGrammar(scopeName: string, options: { withInjection?: boolean } = {}): Promise<vsctm.IGrammar> {
  const grammar = await createRegistry(options).loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} not found`);
  return grammar;
}

export interface Token { text: string; scopes: string[] }

/** Tokenizes a document line by line, carrying the rule stack across lines as the editor does. */
export function tokenizeLines(grammar: vsctm.IGrammar, lines: string[]): Token[][] {
  let stack = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Reads a text file as lines (the corpus has some Latin-1 bytes; they do not matter for these checks). */
export function readLines(file: string): string[] {
  return fs.readFileSync(file, 'latin1').split(/\r?\n/);
}
