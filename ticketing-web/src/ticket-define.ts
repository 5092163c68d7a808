import { TicketingTicket } from './ticket.js';

if (!customElements.get('ticketing-ticket')) customElements.define('ticketing-ticket', TicketingTicket);
