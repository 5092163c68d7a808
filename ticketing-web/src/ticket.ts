import { html, css, nothing, PropertyValues } from 'lit';
import { TicketingElement, SlaTarget, targetState, formatDuration, formatSize, formatTime } from './base.js';
import { base } from './styles.js';
import { fullName, Person, Viewer, viewerFor } from './api.js';
import { localeOf } from './i18n.js';
import { TicketEvent } from './live.js';

interface Attachment {
  id: string;
  fileName: string;
  fileSize: number;
  fileUrl: string;
  commentId?: string | null;
}

interface Comment {
  id: string;
  content: string;
  isInternal: boolean;
  createdAt: string;
  user: Person;
  attachments: Attachment[];
}

interface Ticket {
  id: string;
  title: string;
  description: string;
  status: string;
  priority: string;
  category: string;
  createdAt: string;
  allowedStatuses: string[];
  tags: string[];
  company: { name: string | null };
  requester: Person;
  assignedTo: Person | null;
  comments: Comment[];
  attachments: Attachment[];
  sla: SlaTarget[];
}

interface AuditEntry {
  id: string;
  action: string;
  actorId: string;
  at: string;
  changes: { field: string; oldValue: string | null; newValue: string | null }[];
}

const TICKET_QUERY = `query Ticket($id: ID!) { ticket(id: $id) {
  id title description status priority category createdAt allowedStatuses tags
  company { name } requester { id firstName lastName } assignedTo { id firstName lastName }
  comments { id content isInternal createdAt user { id firstName lastName }
    attachments { id fileName fileSize fileUrl } }
  attachments { id fileName fileSize fileUrl commentId }
  sla { target status breached dueAt remainingSeconds standing } } }`;

const STAFF_QUERY = `query Staff($id: ID!) {
  ticketHistory(ticketId: $id) { id action actorId at changes { field oldValue newValue } }
  deskAgents { id firstName lastName } }`;

/**
 * One ticket: its conversation, a composer switching between a public reply and an internal note
 * (staff; the note is drawn differently and says who sees it), attachments through the pre-signed
 * upload with progress, assignment, the status changes the desk offers for this ticket and caller
 * (allowedStatuses), SLA timers, the history for staff, and the satisfaction rating for the
 * customer who requested a resolved ticket. Set ticket-id to show a ticket.
 */
export class TicketingTicket extends TicketingElement {
  static properties = {
    ...TicketingElement.properties,
    ticketId: { type: String, attribute: 'ticket-id' },
    ticket: { state: true },
    viewer: { state: true },
    history: { state: true },
    agents: { state: true },
    rating: { state: true },
    mode: { state: true },
    uploads: { state: true },
    error: { state: true },
    busy: { state: true },
    notFound: { state: true },
  };

  declare ticketId: string | null;
  declare ticket: Ticket | null;
  declare viewer: Viewer | null;
  declare history: AuditEntry[];
  declare agents: Person[];
  declare rating: { score: number; comment: string | null } | null;
  declare mode: 'public' | 'internal';
  declare uploads: { name: string; fraction: number }[];
  declare error: string | null;
  declare busy: boolean;
  declare notFound: boolean;
  private loadedAt = Date.now();
  private ticker: number | undefined;

  static styles = [
    base,
    css`
      article > header {
        border-bottom: 1px solid var(--_border);
        margin-bottom: var(--_space);
        padding-bottom: var(--_space);
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2rem var(--_space);
        margin: var(--_space) 0;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
      }
      ol.conversation {
        list-style: none;
        padding: 0;
        margin: 0;
        display: flex;
        flex-direction: column;
        gap: var(--_space);
      }
      .comment {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
      .comment.internal,
      .composer.internal {
        background: var(--_internal-bg);
        border: 2px dashed var(--_internal-border);
      }
      .comment p,
      .description {
        white-space: pre-wrap;
        margin: 0.25rem 0;
      }
      .composer {
        margin-top: var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        display: flex;
        flex-direction: column;
        gap: var(--_space);
      }
      .composer fieldset,
      .rating fieldset {
        border: 0;
        padding: 0;
        margin: 0;
        display: flex;
        gap: var(--_space);
      }
      .composer fieldset label,
      .rating fieldset label {
        flex-direction: row;
        align-items: center;
      }
      textarea {
        min-height: 5rem;
        width: 100%;
      }
      section {
        margin-top: calc(var(--_space) * 2);
      }
      ul.plain {
        padding-left: 1.2rem;
        margin: 0.25rem 0;
      }
      progress {
        width: 12rem;
      }
      .internal-tag {
        font-weight: 600;
        color: var(--_internal-border);
      }
    `,
  ];

  constructor() {
    super();
    this.ticketId = null;
    this.ticket = null;
    this.viewer = null;
    this.history = [];
    this.agents = [];
    this.rating = null;
    this.mode = 'public';
    this.uploads = [];
    this.error = null;
    this.busy = false;
    this.notFound = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    // SLA timers count down between reads.
    this.ticker = window.setInterval(() => this.requestUpdate(), 30_000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.ticker);
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ticketId')) {
      this.ticket = null;
      this.notFound = false;
      this.error = null;
      this.mode = 'public';
      if (this.ticketId) void this.load();
    }
  }

  protected onTicketEvent(event: TicketEvent): void {
    if (event.ticketId === this.ticketId) this.debounce('reload', 100, () => void this.load());
  }

  protected onResync(): void {
    if (this.ticketId) void this.load();
  }

  /** Reads the ticket again (and, for staff, its history; for its requester, the rating). */
  async load(): Promise<void> {
    const id = this.ticketId;
    if (!id) return;
    try {
      this.viewer = await viewerFor(this.client);
      const data = await this.client.request<{ ticket: Ticket | null }>(TICKET_QUERY, { id });
      if (id !== this.ticketId) return;
      this.ticket = data.ticket;
      this.notFound = data.ticket === null;
      this.loadedAt = Date.now();
      if (this.viewer.staff) {
        const staff = await this.client.request<{ ticketHistory: AuditEntry[]; deskAgents: Person[] }>(STAFF_QUERY, { id });
        this.history = staff.ticketHistory;
        this.agents = staff.deskAgents;
      } else if (data.ticket && data.ticket.requester.id === this.viewer.id) {
        const r = await this.client.request<{ ticketRating: { score: number; comment: string | null } | null }>(
          'query Rating($id: ID!) { ticketRating(ticketId: $id) { score comment } }',
          { id },
        );
        this.rating = r.ticketRating;
      }
      this.error = null;
    } catch (e) {
      const err = e as { code?: string; message: string };
      if (err.code === 'NOT_FOUND') {
        this.ticket = null;
        this.notFound = true;
      } else {
        this.error = err.message;
      }
    }
  }

  private async act(f: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    try {
      await f();
      this.error = null;
      await this.load();
      this.emit('ticketing-change', { ticketId: this.ticketId });
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private changeStatus(status: string): Promise<void> {
    return this.act(() =>
      this.client.request(
        `mutation Status($input: UpdateTicketStatusInput!) { updateTicketStatus(updateTicketStatusInput: $input) { id } }`,
        { input: { ticketId: this.ticketId, status } },
      ),
    );
  }

  private assign(e: Event): Promise<void> {
    e.preventDefault();
    const select = (e.target as HTMLFormElement).elements.namedItem('assignee') as HTMLSelectElement;
    return this.act(() =>
      this.client.request(
        `mutation Assign($input: AssignTicketInput!) { assignTicket(assignTicketInput: $input) { id } }`,
        { input: { ticketId: this.ticketId, assignedToId: select.value || null } },
      ),
    );
  }

  private send(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = (form.elements.namedItem('content') as HTMLTextAreaElement).value.trim();
    const files = [...((form.elements.namedItem('files') as HTMLInputElement).files ?? [])];
    if (!text && files.length === 0) return Promise.resolve();
    const ticketId = this.ticketId!;
    const internal = this.mode === 'internal';
    return this.act(async () => {
      let commentId: string | null = null;
      if (text) {
        const data = await this.client.request<{ addTicketComment: { id: string } }>(
          `mutation Comment($input: AddCommentInput!) { addTicketComment(addCommentInput: $input) { id } }`,
          { input: { ticketId, content: text, isInternal: internal } },
        );
        commentId = data.addTicketComment.id;
      }
      await this.uploadAll(ticketId, files, commentId);
      form.reset();
      this.mode = 'public';
    });
  }

  private async uploadAll(ticketId: string, files: File[], commentId: string | null): Promise<void> {
    this.uploads = files.map((f) => ({ name: f.name, fraction: 0 }));
    try {
      for (const [i, file] of files.entries()) {
        await this.client.attach(ticketId, file, commentId, (fraction) => {
          this.uploads = this.uploads.map((u, j) => (j === i ? { ...u, fraction } : u));
        });
      }
    } finally {
      this.uploads = [];
    }
  }

  private rate(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const score = Number((form.elements.namedItem('score') as RadioNodeList).value);
    const comment = (form.elements.namedItem('comment') as HTMLTextAreaElement).value.trim() || null;
    if (!score) return Promise.resolve();
    return this.act(() =>
      this.client.request(
        `mutation Rate($id: ID!, $score: Int!, $comment: String) { rateTicket(ticketId: $id, score: $score, comment: $comment) { score } }`,
        { id: this.ticketId, score, comment },
      ),
    );
  }

  private remaining(t: SlaTarget): number {
    return t.status === 'ACTIVE' ? t.remainingSeconds - (Date.now() - this.loadedAt) / 1000 : t.remainingSeconds;
  }

  private renderAttachments(list: Attachment[]) {
    if (list.length === 0) return nothing;
    return html`<ul class="plain attachments">
      ${list.map(
        (a) => html`<li><a href=${a.fileUrl} download=${a.fileName} rel="noopener">${a.fileName}</a> <span class="muted">(${formatSize(a.fileSize)})</span></li>`,
      )}
    </ul>`;
  }

  private renderSla(t: Ticket) {
    if (t.sla.length === 0) return nothing;
    return html`<section aria-labelledby="sla-title">
      <h3 id="sla-title">${this.t('sla.title')}</h3>
      <ul class="plain sla">
        ${t.sla.map((s) => {
          const left = this.remaining(s);
          // The server's standing, except that a running target whose time ran out since it was read is breached.
          const state = s.status === 'ACTIVE' && left <= 0 ? 'breached' : targetState(s);
          const text =
            s.status === 'FULFILLED'
              ? this.t('sla.fulfilled')
              : s.status === 'PAUSED'
                ? this.t('sla.paused')
                : left <= 0
                  ? this.t('sla.overdue')
                  : this.t('sla.remaining', { time: formatDuration(left) });
          return html`<li class="sla-${state}" data-target=${s.target}>${this.t(`sla.${s.target}`)}: ${text}</li>`;
        })}
      </ul>
    </section>`;
  }

  private renderComposer(t: Ticket) {
    const staff = this.viewer?.staff ?? false;
    if (t.status === 'CLOSED' || t.status === 'CANCELLED') return nothing;
    const internal = this.mode === 'internal';
    return html`<form class="composer ${internal ? 'internal' : 'public'}" aria-label=${internal ? this.t('ticket.internal') : this.t('ticket.public')} @submit=${this.send}>
      ${staff
        ? html`<fieldset>
            <legend class="visually-hidden">${this.t('ticket.message')}</legend>
            <label><input type="radio" name="mode" value="public" .checked=${!internal} @change=${() => (this.mode = 'public')} />${this.t('ticket.public')}</label>
            <label><input type="radio" name="mode" value="internal" .checked=${internal} @change=${() => (this.mode = 'internal')} />${this.t('ticket.internal')}</label>
          </fieldset>`
        : nothing}
      <p id="composer-hint" class=${internal ? 'internal-tag' : 'muted'}>${internal ? this.t('ticket.internalHint') : this.t('ticket.publicHint')}</p>
      <label>${this.t('ticket.message')}<textarea name="content" aria-describedby="composer-hint"></textarea></label>
      <label>${this.t('ticket.files')}<input type="file" name="files" multiple /></label>
      ${this.uploads.map(
        (u) => html`<label>${this.t('ticket.uploading', { name: u.name })}<progress max="1" .value=${u.fraction}></progress></label>`,
      )}
      <div><button class="primary" type="submit" ?disabled=${this.busy}>${internal ? this.t('ticket.sendNote') : this.t('ticket.send')}</button></div>
    </form>`;
  }

  private renderRating(t: Ticket) {
    const v = this.viewer;
    if (!v || v.staff || t.requester.id !== v.id || !['RESOLVED', 'CLOSED'].includes(t.status)) return nothing;
    if (this.rating) {
      return html`<section class="rating"><p role="status">${this.t('rating.thanks', { score: this.rating.score })}</p></section>`;
    }
    return html`<section class="rating" aria-labelledby="rating-title">
      <h3 id="rating-title">${this.t('rating.title')}</h3>
      <form @submit=${this.rate}>
        <fieldset>
          <legend class="visually-hidden">${this.t('rating.score')}</legend>
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<label><input type="radio" name="score" value=${n} required />${this.t('rating.star', { n })}</label>`,
          )}
        </fieldset>
        <label>${this.t('rating.comment')}<textarea name="comment"></textarea></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.t('rating.send')}</button>
      </form>
    </section>`;
  }

  private renderStaff(t: Ticket) {
    if (!this.viewer?.staff) return nothing;
    const locale = localeOf(this);
    return html`
      <form class="row assign" @submit=${this.assign}>
        <label
          >${this.t('ticket.assignee')}
          <select name="assignee">
            <option value="">${this.t('ticket.nobody')}</option>
            ${this.agents.map((a) => html`<option value=${a.id} ?selected=${t.assignedTo?.id === a.id}>${fullName(a)}</option>`)}
          </select></label
        >
        <button type="submit" ?disabled=${this.busy}>${this.t('ticket.assign')}</button>
      </form>
      <section aria-labelledby="history-title">
        <details>
          <summary id="history-title">${this.t('ticket.history')}</summary>
          ${this.history.length === 0
            ? html`<p class="muted">${this.t('ticket.historyEmpty')}</p>`
            : html`<ol class="plain history">
                ${this.history.map(
                  (h) => html`<li>
                    <time datetime=${h.at}>${formatTime(h.at, locale)}</time> · ${h.actorId} · ${h.action}
                    ${h.changes.length
                      ? html`<span class="muted">(${h.changes.map((c) => `${c.field}: ${c.oldValue ?? '–'} → ${c.newValue ?? '–'}`).join('; ')})</span>`
                      : nothing}
                  </li>`,
                )}
              </ol>`}
        </details>
      </section>
    `;
  }

  render() {
    if (!this.ticketId) return html`<p class="muted">${this.t('ticket.select')}</p>`;
    if (this.notFound) return html`<p class="error" role="alert">${this.t('ticket.notFound')}</p>`;
    const t = this.ticket;
    if (!t) {
      return this.error
        ? html`<p class="error" role="alert">${this.t('common.error', { message: this.error })}</p>`
        : html`<p class="muted" role="status">${this.t('common.loading')}</p>`;
    }
    const locale = localeOf(this);
    const ticketFiles = t.attachments.filter((a) => !a.commentId);
    return html`<article aria-labelledby="ticket-title" data-ticket-id=${t.id} data-status=${t.status}>
      <header>
        <h2 id="ticket-title">${t.title}</h2>
        <dl>
          <dt>${this.t('ticket.status')}</dt>
          <dd><span class="badge status">${this.t(`status.${t.status}`)}</span> · ${this.t(`priority.${t.priority}`)} · ${this.t(`category.${t.category}`)}</dd>
          <dt>${this.t('ticket.requester')}</dt>
          <dd>${fullName(t.requester)}${t.company?.name ? html` · ${t.company.name}` : nothing}</dd>
          <dt>${this.t('ticket.assignee')}</dt>
          <dd>${t.assignedTo ? fullName(t.assignedTo) : this.t('ticket.nobody')}</dd>
          ${t.tags.length ? html`<dt>${this.t('ticket.tags')}</dt><dd>${t.tags.join(', ')}</dd>` : nothing}
        </dl>
        ${t.allowedStatuses.length
          ? html`<div class="row actions" role="group" aria-label=${this.t('ticket.actions')}>
              ${t.allowedStatuses.map(
                (s) => html`<button data-move=${s} ?disabled=${this.busy} @click=${() => this.changeStatus(s)}>${this.t(`move.${s}`)}</button>`,
              )}
            </div>`
          : nothing}
      </header>
      ${this.error ? html`<p class="error" role="alert">${this.t('common.error', { message: this.error })}</p>` : nothing}
      <p class="description">${t.description}</p>
      ${this.renderAttachments(ticketFiles)}
      ${this.renderSla(t)}
      <section aria-labelledby="conversation-title">
        <h3 id="conversation-title">${this.t('ticket.conversation')}</h3>
        <ol class="conversation">
          ${t.comments.map(
            (c) => html`<li class="comment ${c.isInternal ? 'internal' : 'public'}" data-comment-id=${c.id}>
              <div class="meta muted">
                <strong>${fullName(c.user)}</strong> · <time datetime=${c.createdAt}>${formatTime(c.createdAt, locale)}</time>
                ${c.isInternal ? html` · <span class="internal-tag">${this.t('ticket.internal')}</span>` : nothing}
              </div>
              <p>${c.content}</p>
              ${this.renderAttachments(c.attachments)}
            </li>`,
          )}
        </ol>
        ${this.renderComposer(t)}
      </section>
      ${this.renderRating(t)} ${this.renderStaff(t)}
    </article>`;
  }
}
