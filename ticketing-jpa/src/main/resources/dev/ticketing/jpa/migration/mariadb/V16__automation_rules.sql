-- Issue 20: automation rules. A rule's current state, every version of its definition (the audit
-- entries of what a rule did name the version), each ticket's time-rule clock (the moments time
-- rules count from and the cycles they start, kept by the engine in the unit of work of each
-- change), and the firings of time rules, one per (rule, ticket, cycle). Instants are microseconds
-- since the epoch (UTC). No foreign keys to the ticket: a purge deletes the clock and firings in
-- its own unit of work.
create table ticketing_automation_rule (
  id              varchar(128)  not null,
  revision        bigint        not null,
  version_no      integer       not null,
  name            varchar(200)  not null,
  kind            varchar(16)   not null,
  run_order       integer       not null,
  enabled         boolean       not null,
  disabled_reason varchar(1000),
  definition      mediumtext not null,
  created_at      bigint        not null,
  updated_at      bigint        not null,
  updated_by      varchar(200)  not null,
  primary key (id)
);
create table ticketing_automation_rule_version (
  id              varchar(128)  not null,
  version_no      integer       not null,
  revision        bigint        not null,
  name            varchar(200)  not null,
  kind            varchar(16)   not null,
  run_order       integer       not null,
  enabled         boolean       not null,
  disabled_reason varchar(1000),
  definition      mediumtext not null,
  created_at      bigint        not null,
  updated_at      bigint        not null,
  updated_by      varchar(200)  not null,
  primary key (id, version_no)
);
create table ticketing_automation_clock (
  ticket_id     varchar(128) not null,
  status_since  bigint       not null,
  status_cycle  integer      not null,
  updated_at    bigint       not null,
  update_cycle  integer      not null,
  last_reply_at bigint       not null,
  reply_cycle   integer      not null,
  primary key (ticket_id)
);
create index ix_automation_clock_status on ticketing_automation_clock (status_since, ticket_id);
create index ix_automation_clock_update on ticketing_automation_clock (updated_at, ticket_id);
create index ix_automation_clock_reply on ticketing_automation_clock (last_reply_at, ticket_id);
create table ticketing_automation_firing (
  rule_id    varchar(128) not null,
  ticket_id  varchar(128) not null,
  since_kind varchar(16)  not null,
  cycle_no   integer      not null,
  fired_at   bigint       not null,
  primary key (rule_id, ticket_id, since_kind, cycle_no)
);
create index ix_automation_firing_ticket on ticketing_automation_firing (ticket_id);
