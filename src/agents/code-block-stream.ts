/**
 * Pulls the body of the first fenced code block out of streamed model text, line by line,
 * so the code can be streamed on (`code-delta`) without the fences and the prose around it.
 * Only complete lines are released: a partial line might still turn out to be the closing fence.
 */
export class CodeBlockStream {
  private buffer = '';
  private state: 'before' | 'inside' | 'after' = 'before';
  private code = '';
  /** Text outside the block (e.g. the `Chart: bar` line). */
  private prose = '';

  /** Feeds a text delta; returns the code released by it ('' when none). */
  push(delta: string): string {
    this.buffer += delta;
    let released = '';
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      released += this.takeLine(this.buffer.slice(0, newline));
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
    return released;
  }

  /** Ends the stream; returns the code of a last line that had no newline. */
  end(): string {
    const rest = this.buffer;
    this.buffer = '';
    return rest === '' ? '' : this.takeLine(rest, true);
  }

  /** The whole code block seen so far (without fences). */
  get fullCode(): string {
    return this.code;
  }

  get fullProse(): string {
    return this.prose;
  }

  private takeLine(line: string, last = false): string {
    const fence = /^\s*```/.test(line);
    if (this.state === 'before') {
      if (fence) this.state = 'inside';
      else this.prose += `${line}\n`;
      return '';
    }
    if (this.state === 'inside') {
      if (fence) {
        this.state = 'after';
        return '';
      }
      const piece = last ? line : `${line}\n`;
      this.code += piece;
      return piece;
    }
    this.prose += `${line}\n`;
    return '';
  }
}
