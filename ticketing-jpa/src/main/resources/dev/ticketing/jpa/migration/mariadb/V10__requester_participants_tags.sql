-- Issue 18: a ticket's requester (who it is for and who owns it) apart from its creator, its
-- followers (staff) and CCs (customers of its company), and its tags. See the PostgreSQL script for
-- the reasons. The lists are text columns here: InnoDB keeps them off the row, whose size is
-- limited to 64 KB. Adding the columns and the index rebuilds the table once (minutes at a million
-- tickets).
alter table ticketing_ticket
  add column requester_id varchar(128) not null default '',
  add column follower_ids text,
  add column cc_ids text,
  add column tags text;
update ticketing_ticket set requester_id = created_by;
alter table ticketing_ticket alter column requester_id drop default;
create index ix_ticket_requester on ticketing_ticket (requester_id, created_at desc, id desc);

create table ticketing_ticket_tag (
  ticket_id  varchar(128) not null,
  tag        varchar(100) not null,
  created_at datetime(6)  not null,
  primary key (ticket_id, tag),
  constraint fk_ticket_tag_ticket foreign key (ticket_id) references ticketing_ticket (id)
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
create index ix_ticket_tag on ticketing_ticket_tag (tag, created_at desc, ticket_id desc);
