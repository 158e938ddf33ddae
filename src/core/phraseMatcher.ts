/**
 * Aho–Corasick automaton over lower-case phrases: one pass over a text finds every phrase it
 * contains, whatever the number of phrases. This keeps `explain` fast as the rule tables grow, and
 * phrases (unlike regular expressions) cannot backtrack.
 *
 * Layout, for speed: the root's transitions are a dense table over char codes below 128; every other
 * state keeps its (few, usually one) transitions in flat typed arrays scanned linearly. A Map per
 * state cost a hash lookup per character.
 */
export class PhraseMatcher {
  private readonly rootNext = new Int32Array(128).fill(-1);
  private readonly rootWide = new Map<number, number>();
  /** For state s: its transitions are edgeChar/edgeTo[edgeStart[s] .. edgeStart[s] + edgeCount[s]). */
  private readonly edgeStart: Int32Array;
  private readonly edgeCount: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTo: Int32Array;
  private readonly fail: Int32Array;
  /** Ids of the phrases that end at each state, those reached through fail links included. */
  private readonly out: number[][];

  constructor(phrases: readonly string[]) {
    // Build a plain trie first, then freeze it into the flat layout. The trie keeps each state's
    // transitions as a linked list of edges in plain arrays, in the order they were added: a Map per
    // state (some 25,000 of them) cost most of the first `explain` call, a CLI run's start-up.
    const firstEdge: number[] = [-1];
    const edgeChars: number[] = [];
    const edgeTargets: number[] = [];
    const nextEdge: number[] = [];
    // States without a phrase of their own share one empty list (never written to: a list is replaced, not grown).
    const none: number[] = [];
    const out: number[][] = [none];
    phrases.forEach((phrase, id) => {
      let state = 0;
      for (let i = 0; i < phrase.length; i++) {
        const c = phrase.charCodeAt(i);
        let e = firstEdge[state];
        let last = -1;
        while (e >= 0 && edgeChars[e] !== c) {
          last = e;
          e = nextEdge[e];
        }
        if (e < 0) {
          e = edgeChars.length;
          edgeChars.push(c);
          edgeTargets.push(firstEdge.length);
          nextEdge.push(-1);
          firstEdge.push(-1);
          out.push(none);
          if (last < 0) firstEdge[state] = e;
          else nextEdge[last] = e;
        }
        state = edgeTargets[e];
      }
      out[state] = [...out[state], id];
    });
    const n = firstEdge.length;
    this.edgeStart = new Int32Array(n);
    this.edgeCount = new Int32Array(n);
    const edges = n - 1;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTo = new Int32Array(edges);
    let k = 0;
    for (let s = 0; s < n; s++) {
      this.edgeStart[s] = k;
      for (let e = firstEdge[s]; e >= 0; e = nextEdge[e]) {
        this.edgeChar[k] = edgeChars[e];
        this.edgeTo[k++] = edgeTargets[e];
      }
      this.edgeCount[s] = k - this.edgeStart[s];
    }
    for (let e = firstEdge[0]; e >= 0; e = nextEdge[e]) {
      const c = edgeChars[e];
      const to = edgeTargets[e];
      if (c < 128) this.rootNext[c] = to;
      else this.rootWide.set(c, to);
    }
    this.fail = new Int32Array(n);
    this.out = out;
    const queue: number[] = [];
    for (let e = firstEdge[0]; e >= 0; e = nextEdge[e]) queue.push(edgeTargets[e]);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (let e = firstEdge[state]; e >= 0; e = nextEdge[e]) {
        const c = edgeChars[e];
        const to = edgeTargets[e];
        let f = this.fail[state];
        let target = this.step(f, c);
        while (target < 0 && f !== 0) {
          f = this.fail[f];
          target = this.step(f, c);
        }
        this.fail[to] = target > 0 && target !== to ? target : 0;
        const inherited = out[this.fail[to]];
        if (inherited.length) out[to] = out[to].concat(inherited);
        queue.push(to);
      }
    }
  }

  /** The transition from `state` on char `c`, or -1. */
  private step(state: number, c: number): number {
    if (state === 0) return c < 128 ? this.rootNext[c] : this.rootWide.get(c) ?? -1;
    const end = this.edgeStart[state] + this.edgeCount[state];
    for (let e = this.edgeStart[state]; e < end; e++) if (this.edgeChar[e] === c) return this.edgeTo[e];
    return -1;
  }

  /** Calls `hit` with the id and end offset of every phrase occurrence in `text` (already lower-cased). */
  forEachMatch(text: string, hit: (id: number, end: number) => void): void {
    // The hot loop of `explain`: `step` inlined, fields in locals.
    const { rootNext, edgeStart, edgeCount, edgeChar, edgeTo, fail, out } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = -1;
      for (;;) {
        if (state === 0) {
          to = c < 128 ? rootNext[c] : this.rootWide.get(c) ?? -1;
          break;
        }
        const end = edgeStart[state] + edgeCount[state];
        for (let e = edgeStart[state]; e < end; e++) {
          if (edgeChar[e] === c) {
            to = edgeTo[e];
            break;
          }
        }
        if (to >= 0) break;
        state = fail[state];
      }
      state = to < 0 ? 0 : to;
      const found = out[state];
      for (let k = 0; k < found.length; k++) hit(found[k], i + 1);
    }
  }
}
