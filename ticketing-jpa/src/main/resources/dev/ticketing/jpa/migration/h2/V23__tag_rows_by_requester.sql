-- Issue 18: a customer's own tickets filtered by a tag are read from that customer's rows of the tag
-- in the page's order, through ix_ticket_tag_requester (requester, tag, creation time, ticket); see
-- the PostgreSQL script for the reasons. The store keeps the copy equal to the ticket's requester.
alter table ticketing_ticket_tag add column requester_id varchar(128) default '' not null;
update ticketing_ticket_tag x
  set requester_id = coalesce((select t.requester_id from ticketing_ticket t where t.id = x.ticket_id), '');
alter table ticketing_ticket_tag alter column requester_id drop default;
create index ix_ticket_tag_requester
  on ticketing_ticket_tag (requester_id, tag, created_at desc, ticket_id desc);
