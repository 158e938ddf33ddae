// Splitting decoded text into lines, chunk by chunk: memory stays bounded by the longest line (itself capped),
// never by the file.

/** Longer lines are cut here, so a file without newlines cannot exhaust memory (V8 strings top out near 512 MiB). */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export class LineSplitter {
  // A line that spans chunks is kept as pieces and joined once: appending to one string and searching it again
  // for '\n' would flatten it at every chunk, which is quadratic on a 10 MB line.
  private parts: string[] = [];
  private partChars = 0;
  private overflow = false;
  /** Lines emitted so far. */
  lines = 0;
  /** Lines that were longer than `maxLineChars` and were cut. */
  truncated = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineChars = MAX_LINE_CHARS,
  ) {}

  push(text: string): void {
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      if (this.parts.length === 0 && !this.overflow) {
        this.emit(nl - from <= this.maxLineChars ? text.slice(from, nl) : this.cut(text.slice(from, nl)));
      } else {
        this.keep(text.slice(from, nl));
        this.emit(this.parts.join(''));
        this.parts = [];
        this.partChars = 0;
        this.overflow = false;
      }
      from = nl + 1;
    }
    if (from < text.length) this.keep(from === 0 ? text : text.slice(from));
  }

  /** Emits the last line when the input does not end with a newline. */
  end(): void {
    if (this.parts.length > 0 || this.overflow) this.emit(this.parts.join(''));
    this.parts = [];
    this.partChars = 0;
    this.overflow = false;
  }

  private keep(piece: string): void {
    if (this.overflow) return;
    const room = this.maxLineChars - this.partChars;
    if (piece.length > room) {
      piece = piece.slice(0, room);
      this.overflow = true;
      this.truncated++;
    }
    if (piece.length > 0) this.parts.push(piece);
    this.partChars += piece.length;
  }

  private cut(line: string): string {
    this.truncated++;
    return line.slice(0, this.maxLineChars);
  }

  private emit(line: string): void {
    this.lines++;
    this.onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
  }
}
