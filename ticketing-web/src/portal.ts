import { html, css, nothing } from 'lit';
import { TicketingElement, formatTime } from './base.js';
import { base } from './styles.js';
import { localeOf } from './i18n.js';
import { TicketEvent } from './live.js';
import './ticket-define.js';

export const CATEGORIES = ['GENERAL', 'TECHNICAL', 'BILLING', 'ACCOUNT', 'FEATURE_REQUEST', 'BUG_REPORT'];

interface Row {
  id: string;
  title: string;
  status: string;
  updatedAt: string;
}

const LIST_QUERY = `{ myTickets { id title status updatedAt } }`;

/**
 * The customer's side: their tickets, a form to raise one (subject, category, description,
 * attachments), and the selected ticket in a <ticketing-ticket> (reply, reopen or cancel where the
 * desk allows it, the satisfaction rating once resolved).
 */
export class TicketingPortal extends TicketingElement {
  static properties = {
    ...TicketingElement.properties,
    ticketId: { type: String, attribute: 'ticket-id' },
    rows: { state: true },
    error: { state: true },
    busy: { state: true },
    uploads: { state: true },
    notice: { state: true },
  };

  declare ticketId: string | null;
  declare rows: Row[];
  declare error: string | null;
  declare busy: boolean;
  declare uploads: { name: string; fraction: number }[];
  declare notice: string | null;

  static styles = [
    base,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(16rem, 1fr) 2fr;
        gap: calc(var(--_space) * 3);
      }
      @media (max-width: 50rem) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      ul.tickets {
        list-style: none;
        padding: 0;
        margin: 0 0 var(--_space);
        border-top: 1px solid var(--_border);
      }
      ul.tickets li {
        border-bottom: 1px solid var(--_border);
      }
      ul.tickets button {
        width: 100%;
        text-align: left;
        border: 0;
        border-radius: 0;
        background: transparent;
        display: flex;
        flex-direction: column;
        padding: var(--_space);
      }
      ul.tickets button[aria-current='true'] {
        background: var(--_surface);
        box-shadow: inset 4px 0 0 var(--_accent);
      }
      form.create {
        display: flex;
        flex-direction: column;
        gap: var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
      textarea {
        min-height: 6rem;
      }
    `,
  ];

  constructor() {
    super();
    this.ticketId = null;
    this.rows = [];
    this.error = null;
    this.busy = false;
    this.uploads = [];
    this.notice = null;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected onTicketEvent(_event: TicketEvent): void {
    this.debounce('list', 150, () => void this.load());
  }

  protected onResync(): void {
    void this.load();
  }

  async load(): Promise<void> {
    try {
      const data = await this.client.request<{ myTickets: Row[] }>(LIST_QUERY);
      this.rows = data.myTickets;
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const files = [...((form.elements.namedItem('files') as HTMLInputElement).files ?? [])];
    this.busy = true;
    this.notice = null;
    try {
      const data = await this.client.request<{ createTicket: { id: string } }>(
        `mutation Create($input: CreateTicketInput!) { createTicket(createTicketInput: $input) { id } }`,
        { input: { title: value('title'), description: value('description'), category: value('category') } },
      );
      const id = data.createTicket.id;
      this.uploads = files.map((f) => ({ name: f.name, fraction: 0 }));
      for (const [i, file] of files.entries()) {
        await this.client.attach(id, file, null, (fraction) => {
          this.uploads = this.uploads.map((u, j) => (j === i ? { ...u, fraction } : u));
        });
      }
      form.reset();
      this.notice = this.t('portal.created');
      this.ticketId = id;
      this.emit('ticketing-created', { ticketId: id });
      await this.load();
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
      this.uploads = [];
    }
  }

  render() {
    const locale = localeOf(this);
    return html`<div class="layout">
      <div>
        <section aria-labelledby="portal-title">
          <h2 id="portal-title">${this.t('portal.title')}</h2>
          ${this.error ? html`<p class="error" role="alert">${this.t('common.error', { message: this.error })}</p>` : nothing}
          ${this.rows.length === 0 ? html`<p class="muted">${this.t('portal.none')}</p>` : nothing}
          <ul class="tickets">
            ${this.rows.map(
              (r) => html`<li data-ticket-id=${r.id}>
                <button aria-current=${r.id === this.ticketId ? 'true' : 'false'} @click=${() => (this.ticketId = r.id)}>
                  <strong>${r.title}</strong>
                  <span class="muted">${this.t(`status.${r.status}`)} · <time datetime=${r.updatedAt}>${formatTime(r.updatedAt, locale)}</time></span>
                </button>
              </li>`,
            )}
          </ul>
        </section>
        <section aria-labelledby="new-title">
          <h2 id="new-title">${this.t('portal.new')}</h2>
          <form class="create" @submit=${this.create}>
            <label>${this.t('portal.subject')}<input name="title" required maxlength="200" /></label>
            <label
              >${this.t('portal.category')}
              <select name="category">
                ${CATEGORIES.map((c) => html`<option value=${c}>${this.t(`category.${c}`)}</option>`)}
              </select></label
            >
            <label>${this.t('portal.description')}<textarea name="description" required></textarea></label>
            <label>${this.t('ticket.files')}<input type="file" name="files" multiple /></label>
            ${this.uploads.map(
              (u) => html`<label>${this.t('ticket.uploading', { name: u.name })}<progress max="1" .value=${u.fraction}></progress></label>`,
            )}
            <div><button class="primary" type="submit" ?disabled=${this.busy}>${this.t('portal.create')}</button></div>
            ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
          </form>
        </section>
      </div>
      <ticketing-ticket
        .endpoint=${this.endpoint}
        .liveUrl=${this.liveUrl}
        .noLive=${this.noLive}
        .ticketId=${this.ticketId}
        @ticketing-change=${() => this.load()}
      ></ticketing-ticket>
    </div>`;
  }
}
