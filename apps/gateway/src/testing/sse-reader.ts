/** One Server-Sent Event as received. */
export interface ReceivedEvent {
  event: string;
  id: string;
  data: string;
}

/** Reads a `text/event-stream` response in the background and keeps every event it saw. */
export class SseReader {
  readonly events: ReceivedEvent[] = [];
  comments = 0;
  private readonly controller = new AbortController();
  private buffer = '';

  private constructor(readonly response: Response, controller: AbortController) {
    this.controller = controller;
  }

  static async open(url: string, token: string): Promise<SseReader> {
    const controller = new AbortController();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
    const reader = new SseReader(response, controller);
    void reader.pump();
    return reader;
  }

  close(): void {
    this.controller.abort();
  }

  private async pump(): Promise<void> {
    const body = this.response.body;
    if (!body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        this.buffer += decoder.decode(chunk, { stream: true });
        this.drain();
      }
    } catch {
      // aborted by close()
    }
  }

  private drain(): void {
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments += 1;
        const match = /^(event|id|data): ?(.*)$/.exec(line);
        if (match) fields[match[1] as string] = match[2] as string;
      }
      if (fields.data !== undefined) this.events.push({ event: fields.event ?? 'message', id: fields.id ?? '', data: fields.data });
      end = this.buffer.indexOf('\n\n');
    }
  }
}
