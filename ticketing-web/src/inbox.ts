import { html, css, nothing } from 'lit';
import { TicketingElement, slaState, SlaBadge, SlaTarget, formatTime } from './base.js';
import { base } from './styles.js';
import { fullName, Person, Viewer, viewerFor } from './api.js';
import { localeOf } from './i18n.js';
import { TicketEvent } from './live.js';

export const STATUSES = ['OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'RESOLVED', 'CLOSED', 'REOPENED', 'CANCELLED'];
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
/** The SLA filter's options as the server's `slaStanding` values. */
const SLA_STANDINGS: Record<string, string> = {
  breached: 'BREACHED',
  warning: 'AT_RISK',
  ok: 'ON_TRACK',
  paused: 'PAUSED',
  none: 'NONE',
};
/** The options' labels: "at risk" is the server's warning time, not a fixed hour. */
const SLA_FILTER_LABELS: Record<string, string> = {
  breached: 'sla.breached',
  warning: 'sla.atRisk',
  ok: 'sla.ok',
  paused: 'sla.pausedFilter',
  none: 'sla.none',
};
const COUNTED = ['OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'REOPENED'];

interface Row {
  id: string;
  title: string;
  status: string;
  priority: string;
  updatedAt: string;
  assignedTo: Person | null;
  requester: Person;
  company: { name: string | null };
  tags: string[];
  sla: SlaTarget[];
}

interface Page {
  ticketsPaginated: {
    edges: { node: Row; cursor: string }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

const PAGE_QUERY = `query Inbox($first: Int, $after: String, $filter: TicketFilterInput) {
  ticketsPaginated(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id title status priority updatedAt tags
      assignedTo { id firstName lastName } requester { id firstName lastName } company { name }
      sla { target status breached dueAt remainingSeconds standing } } }
    pageInfo { endCursor hasNextPage } } }`;

function countsQuery(): string {
  const parts = COUNTED.map(
    (s) => `${s}: ticketsPaginated(first: 1, includeTotalCount: true, filter: { status: ${s} }) { totalCount }`,
  );
  parts.push('mine: ticketsPaginated(first: 1, includeTotalCount: true, filter: { assignedToId: $me }) { totalCount }');
  parts.push('unassigned: ticketsPaginated(first: 1, includeTotalCount: true, filter: { unassigned: true }) { totalCount }');
  return `query Counts($me: ID) { ${parts.join('\n')} }`;
}

/**
 * The agent's queue: filters (status, priority, assignee, tags, SLA state), search, keyset "load
 * more", live counts, keyboard navigation (j/k or the arrow keys, Enter opens). Opening a ticket
 * fires `ticketing-select` with {ticketId}. The SLA state filter is the server's `slaStanding`:
 * pages, "load more" and counts follow it.
 */
export class TicketingInbox extends TicketingElement {
  static properties = {
    ...TicketingElement.properties,
    pageSize: { type: Number, attribute: 'page-size' },
    selected: { type: String },
    rows: { state: true },
    counts: { state: true },
    error: { state: true },
    loading: { state: true },
    hasNext: { state: true },
    filters: { state: true },
    active: { state: true },
  };

  declare pageSize: number;
  declare selected: string | null;
  declare rows: Row[];
  declare counts: Record<string, number>;
  declare error: string | null;
  declare loading: boolean;
  declare hasNext: boolean;
  declare filters: { status: string; priority: string; assignee: string; tags: string; sla: string; search: string };
  declare active: number;
  private cursor: string | null = null;
  private viewer: Viewer | null = null;
  private generation = 0;

  static styles = [
    base,
    css`
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        margin: 0 0 var(--_space);
        padding: 0;
        list-style: none;
      }
      .counts li {
        background: var(--_surface);
        border-radius: var(--_radius);
        padding: 0.2rem 0.6rem;
        font-size: 0.9rem;
      }
      .counts strong {
        font-size: 1.05rem;
      }
      form {
        margin-bottom: var(--_space);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        border-top: 1px solid var(--_border);
      }
      li.ticket {
        border-bottom: 1px solid var(--_border);
      }
      li.ticket button {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.15rem var(--_space);
        width: 100%;
        text-align: left;
        border: 0;
        border-radius: 0;
        padding: var(--_space);
        background: transparent;
      }
      li.ticket button[aria-current='true'] {
        background: var(--_surface);
        box-shadow: inset 4px 0 0 var(--_accent);
      }
      .title {
        font-weight: 600;
      }
      li.ticket .badge {
        justify-self: end;
        align-self: start;
      }
      .meta {
        font-size: 0.85rem;
        color: var(--_muted);
      }
      .live {
        font-size: 0.8rem;
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
      }
      .more {
        margin-top: var(--_space);
      }
    `,
  ];

  constructor() {
    super();
    this.pageSize = 25;
    this.selected = null;
    this.rows = [];
    this.counts = {};
    this.error = null;
    this.loading = false;
    this.hasNext = false;
    this.filters = { status: '', priority: '', assignee: '', tags: '', sla: '', search: '' };
    this.active = 0;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      this.viewer = await viewerFor(this.client);
    } catch (e) {
      this.error = (e as Error).message;
      return;
    }
    await Promise.all([this.load(false), this.loadCounts()]);
  }

  private filterInput(): Record<string, unknown> {
    const f = this.filters;
    const input: Record<string, unknown> = {};
    if (f.status) input.status = f.status;
    if (f.priority) input.priority = f.priority;
    if (f.search.trim()) input.searchTerm = f.search.trim();
    if (f.assignee === 'me' && this.viewer) input.assignedToId = this.viewer.id;
    if (f.assignee === 'unassigned') input.unassigned = true;
    const tags = f.tags
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean);
    if (tags.length) input.tags = tags;
    const standing = SLA_STANDINGS[f.sla];
    if (standing) input.slaStanding = standing;
    return input;
  }

  /** The first page again (more=false), or the page behind the last loaded ticket. */
  async load(more: boolean, size = this.pageSize): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      const data = await this.client.request<Page>(PAGE_QUERY, {
        first: size,
        after: more ? this.cursor : null,
        filter: this.filterInput(),
      });
      if (generation !== this.generation) return;
      const page = data.ticketsPaginated;
      const nodes = page.edges.map((e) => e.node);
      this.rows = more ? [...this.rows, ...nodes] : nodes;
      this.cursor = page.pageInfo.endCursor;
      this.hasNext = page.pageInfo.hasNextPage;
      this.error = null;
      if (this.active >= this.visible().length) this.active = Math.max(0, this.visible().length - 1);
    } catch (e) {
      if (generation === this.generation) this.error = (e as Error).message;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  async loadCounts(): Promise<void> {
    try {
      const data = await this.client.request<Record<string, { totalCount: number }>>(countsQuery(), {
        me: this.viewer?.id ?? null,
      });
      const counts: Record<string, number> = {};
      for (const [k, v] of Object.entries(data)) counts[k] = v.totalCount;
      this.counts = counts;
    } catch {
      // Counts are a convenience: the list still works without them.
    }
  }

  protected onTicketEvent(_event: TicketEvent): void {
    this.debounce('refresh', 150, () => this.refresh());
  }

  protected onResync(): void {
    this.refresh();
  }

  /** Reads the loaded part of the queue again (at most 100 tickets) and the counts. */
  refresh(): void {
    void this.load(false, Math.min(100, Math.max(this.pageSize, this.rows.length)));
    void this.loadCounts();
  }

  private visible(): Row[] {
    return this.rows;
  }

  /** A row's badge: the standing the server filtered by, otherwise what its targets show. */
  private badge(row: Row): SlaBadge {
    return (this.filters.sla as SlaBadge) || slaState(row.sla);
  }

  private setFilter(name: keyof TicketingInbox['filters'], value: string): void {
    this.filters = { ...this.filters, [name]: value };
    this.active = 0;
    if (name === 'search' || name === 'tags') {
      this.debounce('filter', 250, () => void this.load(false));
    } else {
      void this.load(false);
    }
  }

  private open(row: Row): void {
    this.selected = row.id;
    this.emit('ticketing-select', { ticketId: row.id });
  }

  private onKey(e: KeyboardEvent): void {
    const rows = this.visible();
    if (rows.length === 0) return;
    let next = this.active;
    if (e.key === 'j' || e.key === 'ArrowDown') next = Math.min(rows.length - 1, this.active + 1);
    else if (e.key === 'k' || e.key === 'ArrowUp') next = Math.max(0, this.active - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else return;
    e.preventDefault();
    this.active = next;
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLButtonElement>(`button[data-index="${next}"]`)?.focus();
    });
  }

  render() {
    const rows = this.visible();
    const locale = localeOf(this);
    const c = this.counts;
    return html`
      <section aria-labelledby="inbox-title">
        <header>
          <h2 id="inbox-title">${this.t('inbox.title')}</h2>
          ${this.noLive
            ? nothing
            : html`<span class="live badge ${this.liveOpen ? 'sla-ok' : 'muted'}" role="status"
                >${this.liveOpen ? this.t('inbox.live') : this.t('inbox.offline')}</span
              >`}
        </header>
        <ul class="counts" aria-label=${this.t('inbox.counts')} aria-live="polite">
          ${COUNTED.map(
            (s) => html`<li data-count=${s}>${this.t(`status.${s}`)}: <strong>${c[s] ?? '–'}</strong></li>`,
          )}
          <li data-count="mine">${this.t('inbox.count.mine')}: <strong>${c.mine ?? '–'}</strong></li>
          <li data-count="unassigned">${this.t('inbox.count.unassigned')}: <strong>${c.unassigned ?? '–'}</strong></li>
        </ul>
        <form role="search" @submit=${(e: Event) => e.preventDefault()}>
          <fieldset class="row" aria-label=${this.t('inbox.filters')}>
            <label
              >${this.t('inbox.search')}
              <input
                type="search"
                name="search"
                .value=${this.filters.search}
                @input=${(e: Event) => this.setFilter('search', (e.target as HTMLInputElement).value)}
            /></label>
            <label
              >${this.t('inbox.status')}
              <select name="status" @change=${(e: Event) => this.setFilter('status', (e.target as HTMLSelectElement).value)}>
                <option value="">${this.t('inbox.any')}</option>
                ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.filters.status === s}>${this.t(`status.${s}`)}</option>`)}
              </select></label
            >
            <label
              >${this.t('inbox.priority')}
              <select name="priority" @change=${(e: Event) => this.setFilter('priority', (e.target as HTMLSelectElement).value)}>
                <option value="">${this.t('inbox.any')}</option>
                ${PRIORITIES.map((p) => html`<option value=${p}>${this.t(`priority.${p}`)}</option>`)}
              </select></label
            >
            <label
              >${this.t('inbox.assignee')}
              <select name="assignee" @change=${(e: Event) => this.setFilter('assignee', (e.target as HTMLSelectElement).value)}>
                <option value="">${this.t('inbox.any')}</option>
                <option value="me">${this.t('inbox.me')}</option>
                <option value="unassigned">${this.t('inbox.unassigned')}</option>
              </select></label
            >
            <label
              >${this.t('inbox.tags')}
              <input name="tags" .value=${this.filters.tags} @input=${(e: Event) => this.setFilter('tags', (e.target as HTMLInputElement).value)}
            /></label>
            <label
              >${this.t('inbox.sla')}
              <select name="sla" @change=${(e: Event) => this.setFilter('sla', (e.target as HTMLSelectElement).value)}>
                <option value="">${this.t('sla.any')}</option>
                ${Object.keys(SLA_STANDINGS).map((s) => html`<option value=${s}>${this.t(SLA_FILTER_LABELS[s])}</option>`)}
              </select></label
            >
          </fieldset>
        </form>
        ${this.error ? html`<p class="error" role="alert">${this.t('common.error', { message: this.error })}</p>` : nothing}
        <p id="inbox-help" class="muted">${this.t('inbox.keyboard')}</p>
        <ol aria-label=${this.t('inbox.list')} aria-describedby="inbox-help" aria-busy=${this.loading ? 'true' : 'false'} @keydown=${this.onKey}>
          ${rows.map((r, i) => {
            const sla = this.badge(r);
            return html`<li class="ticket" data-ticket-id=${r.id}>
              <button
                data-index=${i}
                tabindex=${i === this.active ? 0 : -1}
                aria-current=${r.id === this.selected ? 'true' : 'false'}
                @focus=${() => (this.active = i)}
                @click=${() => this.open(r)}
              >
                <span class="title">${r.title}</span>
                <span class="badge" data-status=${r.status}>${this.t(`status.${r.status}`)}</span>
                <span class="meta"
                  >${fullName(r.requester)}${r.company?.name ? html` · ${r.company.name}` : nothing} ·
                  ${this.t(`priority.${r.priority}`)} · ${r.assignedTo ? fullName(r.assignedTo) : this.t('inbox.unassigned')}
                  ${r.tags.length ? html` · ${r.tags.join(', ')}` : nothing}</span
                >
                <span class="meta">
                  ${sla === 'none' ? nothing : html`<span class="badge sla-${sla}">${this.t(`sla.${sla}`)}</span>`}
                  <time datetime=${r.updatedAt}>${formatTime(r.updatedAt, locale)}</time></span
                >
              </button>
            </li>`;
          })}
        </ol>
        ${rows.length === 0 && !this.loading ? html`<p class="muted">${this.t('inbox.empty')}</p>` : nothing}
        ${this.hasNext
          ? html`<button class="more" ?disabled=${this.loading} @click=${() => this.load(true)}>${this.t('inbox.loadMore')}</button>`
          : nothing}
      </section>
    `;
  }
}
