-- Issue 19: SLA statistics read the clocks fulfilled in a period by stopped_at (those that breached
-- in it by breach_at, indexed since V11); the "overdue" list reads the open clocks (active or
-- paused) by breach time without walking every clock that ever breached.
create index ix_sla_clock_stopped on ticketing_sla_clock (stopped_at);
create index ix_sla_clock_overdue on ticketing_sla_clock (state, breach_at, ticket_id, target_kind, cycle_no);
