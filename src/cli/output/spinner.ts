/** Where progress is written: stderr in the CLI, so stdout stays clean for `--json`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;

/**
 * A one-line spinner for long steps (generating the sample database, profiling). On a
 * terminal it animates in place; elsewhere (pipes, CI logs) it writes the message once.
 */
export class Spinner {
  private timer: NodeJS.Timeout | null = null;
  private frame = 0;
  private message = '';

  constructor(private readonly stream: ProgressStream) {}

  /** `quietWhenPiped`: in a log, write nothing until a progress message (`update`) arrives. */
  start(message: string, options: { quietWhenPiped?: boolean } = {}): void {
    this.message = message;
    if (!this.stream.isTTY) {
      if (!options.quietWhenPiped) this.stream.write(`${message}\n`);
      return;
    }
    if (this.timer) return;
    this.render();
    this.timer = setInterval(() => this.render(), FRAME_MS);
    // A spinner must never keep the process alive on its own.
    this.timer.unref();
  }

  update(message: string): void {
    if (!this.stream.isTTY) {
      if (message !== this.message) this.stream.write(`${message}\n`);
      this.message = message;
      return;
    }
    this.message = message;
  }

  /** Stops; on a terminal, leaves `finalLine` (if any) in place of the spinner. */
  stop(finalLine?: string): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      this.stream.write('\r\x1b[2K');
      if (finalLine) this.stream.write(`${finalLine}\n`);
    }
  }

  private render(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stream.write(`\r\x1b[2K${FRAMES[this.frame]} ${this.message}`);
  }
}
