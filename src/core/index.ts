// The public face of the core: everything the extension and the CLI use comes from here.
export { parseReply } from './parse';
export { explain, explainParsed, retrySchedule, codeLabel, headline, outcomeLine, hasReplyCode, MAX_REPLY_CHARS, type ExplainOptions } from './explain';
export { renderMarkdown, renderFindingMarkdown, renderHeadline, renderDiagnosticMessage, renderRecipient, escapeMarkdown, explanationFacts, type ExplanationFacts, type CodeFacts } from './render';
export { guidance, viewpoint, consequenceNote, findingOutcome, findingSummary, inboundAdvice, type Guidance, type ReplyContext } from './pointOfView';
export { factMeaning, factAt } from './facts';
export { listKnownCodes, type KnownCode } from './catalog';
export { scan, createScanner, type LineScanner, type ScannerOptions } from './scan';
export { scanDocument, scanEmail, isEmailStart, EmailReader, MAX_MESSAGE_CHARS, type EmailScanOptions } from './mail';
export { REASONS } from './data/reasons';
export { createProblemScan, problemOf, MAX_RELATED, type Problem, type ProblemKind, type ProblemScan, type RelatedProblemLine } from './problems';
export * from './flow';
export * from './vocabulary';
export type * from './types';
export { codeReference, renderCodeReference, type CodeReference } from './codeReference';
export { replyInLine } from './lineReply';
