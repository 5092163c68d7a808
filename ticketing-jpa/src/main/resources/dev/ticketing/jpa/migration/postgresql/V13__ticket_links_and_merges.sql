-- Issue 18: links between two tickets of one company and merges of a source ticket into a target,
-- kept by the engine in the unit of work of the change. One row per (from, kind, to) and one merge
-- per source: the primary keys make the second of two racing writers lose. Instants are
-- microseconds since the epoch (UTC). No foreign key to the ticket: a purge deletes the rows in its
-- own unit of work.
create table ticketing_ticket_link (
  from_ticket_id varchar(128) not null,
  link_kind      varchar(16)  not null,
  to_ticket_id   varchar(128) not null,
  created_by     varchar(128) not null,
  created_at     bigint       not null,
  primary key (from_ticket_id, link_kind, to_ticket_id)
);
create index ix_ticket_link_to on ticketing_ticket_link (to_ticket_id);
create table ticketing_ticket_merge (
  source_ticket_id   varchar(128) not null,
  target_ticket_id   varchar(128) not null,
  merged_by          varchar(128) not null,
  merged_at          bigint       not null,
  -- what the source was before the merge, which an unmerge puts back
  source_status      varchar(32)  not null,
  source_resolved_at bigint,
  source_closed_at   bigint,
  primary key (source_ticket_id)
);
create index ix_ticket_merge_target on ticketing_ticket_merge (target_ticket_id, merged_at);
