import { BASIC_CODES } from './data/basicCodes';
import { ENHANCED_CODES, VENDOR_CODES } from './data/enhancedCodes';

export interface KnownCode {
  /** `550`, `X.1.1` written as `5.1.1`/`4.1.1` is not expanded: registry codes keep their `X.` form. */
  code: string;
  kind: 'basic' | 'enhanced' | 'vendor';
  title: string;
  description: string;
}

let catalog: KnownCode[] | null = null;

/** Every code the core knows, for browsing (the command's quick pick). */
export function listKnownCodes(): readonly KnownCode[] {
  catalog ??= [
    ...BASIC_CODES.map((r): KnownCode => ({ code: String(r.code), kind: 'basic', title: r.title, description: r.description })),
    ...ENHANCED_CODES.map((r): KnownCode => ({ code: r.code, kind: 'enhanced', title: r.title, description: r.description })),
    ...VENDOR_CODES.map((r): KnownCode => ({ code: r.code, kind: 'vendor', title: `${r.title} (${r.definedBy})`, description: r.description })),
  ];
  return catalog;
}
