/** Recognises who wrote a reply from tell-tale words in it (host names, product names, URLs). */
export interface ProviderMarker {
  provider: string;
  /** Lower-case phrases; any one present names the provider. */
  phrases: string[];
  /** A reply this row was written for; a test checks that it names `provider`. */
  example: string;
}

// TODO(text-rules helper): the rows.
export const PROVIDER_MARKERS: readonly ProviderMarker[] = [
  { provider: 'Gmail', phrases: ['gsmtp', 'support.google.com/mail'], example: '550-5.1.1 The email account that you tried to reach does not exist. https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp' },
];
