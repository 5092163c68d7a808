-- Issue 19: the clocks of service-level targets, one row per (ticket, target, cycle), kept by the
-- engine in the unit of work of each change. Instants are microseconds since the epoch (UTC) and
-- durations microseconds, the same on every database. No foreign key to the ticket: a purge deletes
-- the clocks in its own unit of work.
create table ticketing_sla_clock (
  ticket_id         varchar(128) not null,
  target_kind       varchar(32)  not null,
  cycle_no          integer      not null,
  state             varchar(16)  not null,
  policy_id         varchar(64)  not null,
  calendar_id       varchar(128),
  goal_us           bigint       not null,
  elapsed_us        bigint       not null,
  started_at        bigint       not null,
  running_since     bigint,
  stopped_at        bigint,
  due_at            bigint,
  warn_at           bigint,
  -- when it breaches or breached (due_at while active, or if reached before it stopped): "breached" lists
  breach_at         bigint,
  -- the earliest warning or breach not raised yet: the scheduler's scan
  next_alert_at     bigint,
  warning_raised_at bigint,
  breach_raised_at  bigint,
  primary key (ticket_id, target_kind, cycle_no)
);
create index ix_sla_clock_alert on ticketing_sla_clock (next_alert_at);
create index ix_sla_clock_due on ticketing_sla_clock (state, due_at, ticket_id, target_kind, cycle_no);
create index ix_sla_clock_breach on ticketing_sla_clock (breach_at, ticket_id, target_kind, cycle_no);
