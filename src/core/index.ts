// The public face of the core: everything the extension and the CLI use comes from here.
export { parseReply } from './parse';
export { explain, explainParsed, retrySchedule, codeLabel, headline, outcomeLine, hasReplyCode, MAX_REPLY_CHARS, type ExplainOptions } from './explain';
export { renderMarkdown, renderHeadline, renderDiagnosticMessage, renderRecipient, escapeMarkdown, explanationFacts, type ExplanationFacts, type CodeFacts } from './render';
export { listKnownCodes, type KnownCode } from './catalog';
export { scan, createScanner, type LineScanner } from './scan';
export { REASONS } from './data/reasons';
export * from './flow';
export * from './vocabulary';
export type * from './types';
