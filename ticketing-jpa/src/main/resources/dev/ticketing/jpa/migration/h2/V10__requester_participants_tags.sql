-- Issue 18: a ticket's requester (who it is for and who owns it) apart from its creator, its
-- followers (staff) and CCs (customers of its company), and its tags. See the PostgreSQL script for
-- the reasons; H2 measures lengths in UTF-16 units, so tag text gets twice its limit.
alter table ticketing_ticket add column requester_id varchar(128) default '' not null;
update ticketing_ticket set requester_id = created_by;
alter table ticketing_ticket alter column requester_id drop default;
create index ix_ticket_requester on ticketing_ticket (requester_id, created_at desc, id desc);

alter table ticketing_ticket add column follower_ids varchar(13000);
alter table ticketing_ticket add column cc_ids varchar(13000);
alter table ticketing_ticket add column tags varchar(20400);

create table ticketing_ticket_tag (
  ticket_id  varchar(128) not null references ticketing_ticket (id),
  tag        varchar(200) not null,
  created_at timestamp(6) with time zone not null,
  primary key (ticket_id, tag)
);
create index ix_ticket_tag on ticketing_ticket_tag (tag, created_at desc, ticket_id desc);
