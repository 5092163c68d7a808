-- Issue 13: one outbox row per (notification, channel), recipients resolved at delivery, and
-- clients' idempotency keys.
--
-- A change now writes one request row (channel 'recipients', who must be told in `recipients`,
-- e.g. 'admins' or 'owner:john'); the dispatcher resolves it into one delivery row per
-- notification and channel (`recipient_id` and `notification_id` set), each retried and
-- dead-lettered on its own.
--
-- Rows written before this migration were one per recipient, for every channel at once. They
-- become request rows that already know their recipient: a pending or dead one is resolved into
-- one delivery per channel under its own id (the notification id receivers saw before), a
-- delivered one stays delivered.
alter table ticketing_outbox add column channel varchar(64) default 'recipients' not null;
alter table ticketing_outbox add column notification_id varchar(128);
alter table ticketing_outbox add column recipients varchar(2000);
alter table ticketing_outbox alter column recipient_id set null;
update ticketing_outbox set notification_id = id;
-- Operators list and count rows per channel and state.
create index ix_outbox_channel on ticketing_outbox (channel, state, occurred_at);

-- One row per actor and key; the primary key is what makes two concurrent first uses one write.
create table ticketing_idempotency_key (
  actor_id    varchar(128)   not null,
  idem_key    varchar(255)   not null,
  operation   varchar(64)    not null,
  fingerprint varchar(64)    not null,
  result      varchar(16000) not null,
  created_at  timestamp(6) with time zone not null,
  expires_at  timestamp(6) with time zone not null,
  primary key (actor_id, idem_key)
);
create index ix_idempotency_key_expiry on ticketing_idempotency_key (expires_at);
