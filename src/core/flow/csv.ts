import type { FailedRecipient } from './report';

// The failed recipients as CSV: the suppression list a person imports into a sending tool. The CLI's `report --csv`
// and the editor's "Export Failed Recipients as CSV" write the same bytes.

export const CSV_COLUMNS: readonly (keyof FailedRecipient)[] = ['recipient', 'state', 'reason', 'action', 'bounce', 'attempts', 'messages', 'first', 'last', 'reply', 'queueId', 'file', 'line'];

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (`=`, `+`, `@`) gets a leading `'`. */
function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header row, then one row per failed recipient; CRLF line ends, as RFC 4180 says. */
export function renderFailedRecipientsCsv(rows: readonly FailedRecipient[]): string {
  const out = [CSV_COLUMNS.join(',')];
  for (const r of rows) out.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return out.join('\r\n') + '\r\n';
}
