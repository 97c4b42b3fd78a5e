import { waitFor } from '@donations/testing';

export interface ServerSentEvent<T> {
  type: string;
  data: T;
  /** When the event arrived (ms since the epoch). */
  at: number;
}

/**
 * A server-sent events client on fetch, as a page's EventSource would read GET /events: it
 * collects every event with its type and JSON data, and tells when the server ends the stream.
 */
export class SseClient<T> {
  readonly events: ServerSentEvent<T>[] = [];
  ended = false;
  private readonly abort = new AbortController();
  private reading: Promise<void> = Promise.resolve();

  static async open<T>(url: string): Promise<SseClient<T>> {
    const client = new SseClient<T>();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream' },
      signal: client.abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`GET ${url}: ${response.status}`);
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.startsWith('text/event-stream'))
      throw new Error(`content-type ${contentType}`);
    client.reading = client.read(response.body);
    return client;
  }

  /** Waits for an event that satisfies `matches`, and returns it. */
  waitForEvent(
    description: string,
    matches: (event: ServerSentEvent<T>) => boolean,
  ): Promise<ServerSentEvent<T>> {
    return waitFor(() => this.events.find(matches), { description, timeoutMs: 30_000 });
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.reading;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.onBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      this.ended = true;
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    }
  }

  private onBlock(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length > 0)
      this.events.push({ type, data: JSON.parse(data.join('\n')) as T, at: Date.now() });
  }
}
