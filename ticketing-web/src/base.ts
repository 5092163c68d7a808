import { LitElement } from 'lit';
import { clientFor, TicketingClient } from './api.js';
import { localeOf, translate } from './i18n.js';
import { subscribe, TicketEvent } from './live.js';

/**
 * What every component shares: the GraphQL endpoint (attribute endpoint, default /graphql), the
 * live stream (attribute live-url, default /api/live; attribute no-live turns it off), the locale
 * and its messages.
 */
export abstract class TicketingElement extends LitElement {
  static properties = {
    endpoint: { type: String },
    liveUrl: { type: String, attribute: 'live-url' },
    noLive: { type: Boolean, attribute: 'no-live' },
  };

  declare endpoint: string;
  declare liveUrl: string;
  declare noLive: boolean;
  protected liveOpen = false;
  private unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.endpoint = '/graphql';
    this.liveUrl = '/api/live';
    this.noLive = false;
  }

  protected get client(): TicketingClient {
    return clientFor(this.endpoint);
  }

  /** A message in the element's locale. */
  protected t(key: string, params?: Record<string, string | number>): string {
    return translate(localeOf(this), key, params);
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (!this.noLive && typeof EventSource !== 'undefined') {
      this.unsubscribe = subscribe(this.liveUrl, {
        ticket: (e) => this.onTicketEvent(e),
        resync: () => this.onResync(),
        connection: (open) => {
          this.liveOpen = open;
          this.requestUpdate();
        },
      });
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected onTicketEvent(_event: TicketEvent): void {}

  protected onResync(): void {}

  /** Calls f at most once per delay, after the last call (several events, one refetch). */
  protected debounce(key: string, delay: number, f: () => void): void {
    const timers = (this.timers ??= new Map<string, number>());
    window.clearTimeout(timers.get(key));
    timers.set(key, window.setTimeout(f, delay));
  }

  private timers: Map<string, number> | undefined;

  protected emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }
}

/** A duration in seconds as 1 d 2 h, 3 h 5 m or 4 m. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} m`;
  return `${m} m`;
}

export function formatTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface SlaTarget {
  target: string;
  status: string;
  breached: boolean;
  dueAt: string | null;
  remainingSeconds: number;
  /** How the server says the target stands: BREACHED, AT_RISK, ON_TRACK, PAUSED or NONE. */
  standing: string;
}

/** An inbox badge: breached, warning (at risk, as the server decides), ok, or none. */
export type SlaBadge = 'breached' | 'warning' | 'ok' | 'none';

/** One target's badge, from the standing the server gave it (the one its standing filter uses). */
export function targetState(t: SlaTarget): SlaBadge {
  switch (t.standing) {
    case 'BREACHED':
      return 'breached';
    case 'AT_RISK':
      return 'warning';
    case 'ON_TRACK':
    case 'PAUSED':
      return 'ok';
    default:
      return t.breached ? 'breached' : 'none';
  }
}

/**
 * A row's badge: the worst of its targets' standings, as the server decided them (so a row shows
 * "at risk" exactly when the inbox's at-risk filter would list it), or none without a running
 * target.
 */
export function slaState(targets: SlaTarget[] | undefined): SlaBadge {
  const states = (targets ?? []).map(targetState);
  for (const worst of ['breached', 'warning', 'ok'] as const) {
    if (states.includes(worst)) return worst;
  }
  return 'none';
}
