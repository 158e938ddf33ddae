/// <reference lib="dom" />
// The delivery report's only script, loaded by nonce from the extension (no inline script, no remote content): a row
// of failed recipients or of the retry review reveals its line in the log, by click or by keyboard.

interface VsCodeApi { postMessage(message: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function reveal(row: HTMLElement): void {
  const line = Number(row.dataset.line);
  if (Number.isInteger(line) && line > 0) vscode.postMessage({ type: 'reveal', line });
}

function rowOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('tr[data-line]') : null;
}

for (const row of Array.from(document.querySelectorAll<HTMLElement>('tr[data-line]'))) {
  row.tabIndex = 0;
  row.title = `Show line ${row.dataset.line} in the log`;
}

document.addEventListener('click', (e) => {
  const row = rowOf(e.target);
  // A selection being made is not a click on the row.
  if (row && !window.getSelection()?.toString()) reveal(row);
});

document.addEventListener('keydown', (e) => {
  const row = rowOf(e.target);
  if (row && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    reveal(row);
  }
});

vscode.postMessage({ type: 'ready', rows: document.querySelectorAll('tr[data-line]').length });
