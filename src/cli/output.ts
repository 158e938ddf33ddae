// Buffered stdout: one write per ~64 KB instead of one per finding, and a way to wait when the reader is slow,
// so a fast scan over a 1 GB log does not pile its output up in memory.
import { once } from 'node:events';

const FLUSH_CHARS = 64 * 1024;

export class Output {
  private pending: string[] = [];
  private pendingChars = 0;
  private blocked = false;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  line(text: string): void {
    this.write(text + '\n');
  }

  flush(): void {
    if (this.pendingChars === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(text)) this.blocked = true;
  }

  /**
   * Flushes, then resolves when the stream has taken what was written. Called after each input chunk: output
   * follows input (for `tail -f … | smtp-lens scan`), and input is read no faster than output drains.
   */
  async drained(): Promise<void> {
    this.flush();
    if (!this.blocked) return;
    this.blocked = false;
    await once(this.stream, 'drain');
  }

  /** Flushes and resolves once everything has been handed to the stream. */
  async close(): Promise<void> {
    await this.drained();
  }
}
