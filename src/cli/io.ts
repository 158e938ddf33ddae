import type { Output } from './output';

/** What a command reads and writes: the real process in main.ts. */
export interface Io {
  stdin: NodeJS.ReadStream;
  out: Output;
  /** One line on stderr, prefixed `smtp-lens: `. */
  warn(message: string): void;
  colour: boolean;
}
