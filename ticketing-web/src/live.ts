/**
 * Live updates from the desk's Server-Sent Events stream: each event `ticket` names a ticket that
 * changed ({ticketId, kind, version, at}; ids only, the components read the ticket again through
 * GraphQL). One EventSource per URL is shared by every component of the page. The browser resumes
 * after a dropped connection by itself, sending Last-Event-ID; when the server refused the stream
 * (the EventSource is closed) a new one is opened with a growing delay, and listeners are told to
 * resynchronise, since events may have been missed; so they are on an event `resync`, which the
 * desk sends when it can no longer replay what came after Last-Event-ID.
 */
export interface TicketEvent {
  ticketId: string;
  kind: string;
  version: number;
  at: string;
}

export interface LiveListener {
  ticket(event: TicketEvent): void;
  /** The connection was lost and is back: anything may have changed meanwhile. */
  resync(): void;
  /** Connected or not: for a status indicator. */
  connection?(open: boolean): void;
}

class LiveFeed {
  private source: EventSource | null = null;
  private readonly listeners = new Set<LiveListener>();
  private retryDelay = 1000;
  private retryTimer: number | undefined;
  private hadError = false;
  open = false;

  constructor(private readonly url: string) {}

  add(listener: LiveListener): () => void {
    this.listeners.add(listener);
    if (!this.source && this.retryTimer === undefined) this.connect();
    listener.connection?.(this.open);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private connect(): void {
    this.retryTimer = undefined;
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    source.addEventListener('open', () => {
      this.open = true;
      this.retryDelay = 1000;
      this.each((l) => l.connection?.(true));
      if (this.hadError) {
        this.hadError = false;
        this.each((l) => l.resync());
      }
    });
    source.addEventListener('ticket', (e) => {
      let event: TicketEvent;
      try {
        event = JSON.parse((e as MessageEvent<string>).data) as TicketEvent;
      } catch {
        return;
      }
      this.each((l) => l.ticket(event));
    });
    // The desk could not replay everything since Last-Event-ID: read everything again.
    source.addEventListener('resync', () => this.each((l) => l.resync()));
    source.addEventListener('error', () => {
      this.open = false;
      this.hadError = true;
      this.each((l) => l.connection?.(false));
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        this.source = null;
        this.retryTimer = window.setTimeout(() => this.connect(), this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
      }
    });
  }

  private each(f: (l: LiveListener) => void): void {
    for (const l of [...this.listeners]) f(l);
  }

  private close(): void {
    this.source?.close();
    this.source = null;
    if (this.retryTimer !== undefined) window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.open = false;
  }
}

const feeds = new Map<string, LiveFeed>();

/** Subscribes to the stream at url; returns the unsubscribe function. */
export function subscribe(url: string, listener: LiveListener): () => void {
  let feed = feeds.get(url);
  if (!feed) {
    feed = new LiveFeed(url);
    feeds.set(url, feed);
  }
  return feed.add(listener);
}
