/**
 * Aho–Corasick automaton over lower-case phrases: one pass over a text finds every phrase it
 * contains, whatever the number of phrases. This keeps `explain` fast as the rule tables grow, and
 * phrases (unlike regular expressions) cannot backtrack.
 */
export class PhraseMatcher {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Ids of the phrases that end at each state (including those reached through fail links). */
  private readonly out: number[][] = [[]];

  constructor(phrases: readonly string[]) {
    phrases.forEach((phrase, id) => this.insert(phrase, id));
    this.link();
  }

  private insert(phrase: string, id: number): void {
    let state = 0;
    for (let i = 0; i < phrase.length; i++) {
      const c = phrase.charCodeAt(i);
      let to = this.next[state].get(c);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[state].set(c, to);
      }
      state = to;
    }
    this.out[state].push(id);
  }

  private link(): void {
    const queue: number[] = [];
    for (const to of this.next[0].values()) queue.push(to);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [c, to] of this.next[state]) {
        let f = this.fail[state];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const target = this.next[f].get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        if (this.out[this.fail[to]].length) this.out[to] = this.out[to].concat(this.out[this.fail[to]]);
        queue.push(to);
      }
    }
  }

  /** Calls `hit` with the id and end offset of every phrase occurrence in `text` (already lower-cased). */
  forEachMatch(text: string, hit: (id: number, end: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = this.next[state].get(c);
      while (to === undefined && state !== 0) {
        state = this.fail[state];
        to = this.next[state].get(c);
      }
      state = to ?? 0;
      const found = this.out[state];
      for (let k = 0; k < found.length; k++) hit(found[k], i + 1);
    }
  }
}
