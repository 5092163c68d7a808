-- Issue 19: SLA statistics read the clocks fulfilled in a period by stopped_at (those that breached
-- in it by breach_at, indexed since V11).
create index ix_sla_clock_stopped on ticketing_sla_clock (stopped_at);
