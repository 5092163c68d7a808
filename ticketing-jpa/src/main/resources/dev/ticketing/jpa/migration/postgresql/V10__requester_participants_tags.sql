-- Issue 18: a ticket's requester (who it is for and who owns it) apart from its creator, its
-- followers (staff) and CCs (customers of its company), and its tags.
--
-- The requester of every existing ticket is its creator. Adding a column with a default rewrites no
-- row on PostgreSQL 11+; the update then writes each row once (minutes at a million tickets), after
-- which the default is dropped: the store always writes the requester.
alter table ticketing_ticket add column requester_id varchar(128) not null default '';
update ticketing_ticket set requester_id = created_by;
alter table ticketing_ticket alter column requester_id drop default;
-- "My tickets" and a customer's own listing walk this index newest first.
create index ix_ticket_requester on ticketing_ticket (requester_id, created_at desc, id desc);

-- Followers, CCs and tags travel with the ticket row as space-delimited lists (' a b '), so a ticket
-- and a page of tickets read them with no further statement. At most 100 ids of 128 characters, and
-- 100 tags of 100 characters, fit. A CC's visibility is matched on cc_ids within the customer's own
-- company (whose index serves the page); a tags filter uses ticketing_ticket_tag below.
alter table ticketing_ticket add column follower_ids varchar(13000);
alter table ticketing_ticket add column cc_ids varchar(13000);
alter table ticketing_ticket add column tags varchar(10200);

-- One row per tag of a ticket, with the ticket's creation time copied (it never changes): a filter by
-- one tag walks ix_ticket_tag newest first and stops at the page, like the ticket indexes do.
create table ticketing_ticket_tag (
  ticket_id  varchar(128) not null references ticketing_ticket (id),
  tag        varchar(100) not null,
  created_at timestamp(6) with time zone not null,
  primary key (ticket_id, tag)
);
create index ix_ticket_tag on ticketing_ticket_tag (tag, created_at desc, ticket_id desc);
