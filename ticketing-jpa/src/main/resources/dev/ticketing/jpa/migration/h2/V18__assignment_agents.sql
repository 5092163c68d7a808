-- Issue 20: agents' assignment profiles and loads, one row per agent. open_count is the number of
-- open tickets assigned to the agent, moved in the unit of work of every change that gives or takes
-- one; a claim is a conditional update of the row (available, open_count < capacity), which holds
-- the row lock until the assignment commits. Skills are space-separated; last_assigned_at (the
-- round-robin turn) is microseconds since the epoch. No foreign key: agents are the host's users.
create table ticketing_agent (
  agent_id         varchar(128) not null,
  skills           varchar(6600) not null,
  capacity         integer      not null,
  availability     varchar(16)  not null,
  open_count       integer      not null,
  last_assigned_at bigint,
  primary key (agent_id)
);
