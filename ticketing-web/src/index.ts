/**
 * Ticketing web components: <ticketing-inbox>, <ticketing-ticket> and <ticketing-portal>. Importing
 * this module defines the three elements (unless the page already has elements by those names).
 */
import { TicketingInbox } from './inbox.js';
import { TicketingTicket } from './ticket.js';
import { TicketingPortal } from './portal.js';
import './ticket-define.js';

if (!customElements.get('ticketing-inbox')) customElements.define('ticketing-inbox', TicketingInbox);
if (!customElements.get('ticketing-portal')) customElements.define('ticketing-portal', TicketingPortal);

export { TicketingInbox, TicketingTicket, TicketingPortal };
export { TicketingElement } from './base.js';
export { TicketingClient, ApiError, clientFor } from './api.js';
export type { Viewer, Person, UploadTicket } from './api.js';
export { registerMessages, locales, translate } from './i18n.js';
export type { Messages } from './i18n.js';
export { subscribe } from './live.js';
export type { TicketEvent, LiveListener } from './live.js';

declare global {
  interface HTMLElementTagNameMap {
    'ticketing-inbox': TicketingInbox;
    'ticketing-ticket': TicketingTicket;
    'ticketing-portal': TicketingPortal;
  }
}
