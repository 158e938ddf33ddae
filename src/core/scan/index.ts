// The scanner: finds SMTP replies in mail logs, dialogues, bounces and provider events, with exact
// ranges. One small locator per format under `locators/`; `engine.ts` runs them line by line.
import { ANCHOR_PATTERN, LINE_ANCHOR_PATTERNS, LINE_BREAK, QUOTED_ANCHOR_PATTERN } from './engine';

export { createScanner, scan, MAX_SCAN_LINE, ANCHOR_LOCATORS, LINE_START_LOCATORS, type LineScanner, type ScannerOptions } from './engine';

/** Every regular expression the scanner applies to document text (each is checked by recheck in the tests). */
export const SCANNER_REGEXES: readonly RegExp[] = [ANCHOR_PATTERN, QUOTED_ANCHOR_PATTERN, ...LINE_ANCHOR_PATTERNS, LINE_BREAK];
