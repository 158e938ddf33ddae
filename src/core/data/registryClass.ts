import type { ReplyClass } from '../vocabulary';

/**
 * Sentences of the enhanced-code registry (RFC 3463's wording) that tie a code to one class. A server may send
 * the code with the other class (`450 4.7.1`, whose registry text says "useful only as a permanent error"): the
 * hover then keeps that text apart, under "registry text", with the sentence below that reconciles it.
 */
export const REGISTRY_CLASS_WORDS: readonly { phrase: string; class: 'permanent' | 'transient' }[] = [
  { phrase: 'useful only as a permanent error', class: 'permanent' },
  { phrase: 'only useful for permanent failures', class: 'permanent' },
  { phrase: 'should be used as a permanent failure', class: 'permanent' },
  { phrase: 'useful only as a persistent transient error', class: 'transient' },
  { phrase: 'should be used as a persistent transient failure', class: 'transient' },
];

/** Keyed by the class the registry implies, then the class the reply has. */
export const RECONCILE: Readonly<Partial<Record<'permanent' | 'transient', Partial<Record<ReplyClass, string>>>>> = {
  permanent: {
    transient: 'The registry means this code for permanent errors, but this server sent it with a temporary (4XX) reply: here the failure is temporary, and the reply\'s class decides what to do.',
  },
  transient: {
    permanent: 'The registry means this condition to be temporary, but this server reported it as permanent (5XX): it will not retry this message itself. What to do above follows the reply; the condition may still clear later.',
  },
};
