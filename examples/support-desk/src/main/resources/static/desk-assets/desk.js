// Wires the desk's pages: the inbox opens tickets in the ticket view, a change there refreshes the
// inbox, and #ticket=ID in the address opens that ticket (agent app and portal alike).
const inbox = document.querySelector('ticketing-inbox');
const ticket = document.querySelector('ticketing-ticket');
const portal = document.querySelector('ticketing-portal');

function fromAddress() {
  const match = /^#ticket=(.+)$/.exec(location.hash);
  const id = match ? decodeURIComponent(match[1]) : null;
  if (ticket) ticket.ticketId = id;
  if (portal) portal.ticketId = id;
}

if (inbox && ticket) {
  inbox.addEventListener('ticketing-select', (e) => {
    history.replaceState(null, '', '#ticket=' + encodeURIComponent(e.detail.ticketId));
    ticket.ticketId = e.detail.ticketId;
  });
  ticket.addEventListener('ticketing-change', () => inbox.refresh());
}
window.addEventListener('hashchange', fromAddress);
fromAddress();
