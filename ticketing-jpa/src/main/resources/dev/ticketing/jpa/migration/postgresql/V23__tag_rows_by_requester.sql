-- Issue 18: a customer's own tickets filtered by a tag are read from that customer's rows of the tag
-- in the page's order. The tag rows already repeat the ticket's creation time and company (V10,
-- V21); they now repeat its requester too, so that ix_ticket_tag_requester holds them as
-- (requester, tag, creation time, ticket) and the page stops after its last row. Without it the
-- planners read the requester's tickets through ix_ticket_requester and sort those carrying the tag
-- (MariaDB), or walk them all probing each one's tags past the first page (PostgreSQL).
--
-- The store keeps the copy equal to the ticket's requester in the unit of work that changes either.
-- Adding a column with a default rewrites no row on PostgreSQL 11+; the update then writes each tag
-- row once, after which the default is dropped: the store always writes the requester.
alter table ticketing_ticket_tag add column requester_id varchar(128) not null default '';
update ticketing_ticket_tag x set requester_id = t.requester_id
  from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_ticket_tag alter column requester_id drop default;
create index ix_ticket_tag_requester
  on ticketing_ticket_tag (requester_id, tag, created_at desc, ticket_id desc);
