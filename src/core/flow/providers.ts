import { PROVIDER_MARKERS } from '../data/providers';

// Who runs the server an attempt went to, from its host name (`gmail-smtp-in.l.google.com`,
// `example-com.mail.protection.outlook.com`, `mta7.am0.yahoodns.net`): the provider markers the explanations use
// are infrastructure names, so the relay host names the provider for successes too, whose replies are not read.

const PHRASES: readonly { phrase: string; provider: string }[] = PROVIDER_MARKERS.flatMap((m) => m.phrases.map((phrase) => ({ phrase, provider: m.provider })));

const MAX_CACHED = 10_000;
const cache = new Map<string, string | null>();

export function providerOfHost(host: string): string | null {
  let p = cache.get(host);
  if (p !== undefined) return p;
  const lower = host.toLowerCase();
  p = PHRASES.find((x) => lower.includes(x.phrase))?.provider ?? null;
  if (cache.size >= MAX_CACHED) cache.clear();
  // A copy as the key: the host may be a slice of a long line (see ownCopy in report.ts).
  cache.set(host.length < 13 ? host : (' ' + host).slice(1), p);
  return p;
}
