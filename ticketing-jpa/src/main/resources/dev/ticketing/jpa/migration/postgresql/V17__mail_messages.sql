-- Issue 21: what the e-mail channel remembers. ticketing_mail_inbound holds one row per inbound
-- message (key: SHA-256 hex of its Message-ID), claimed under a lease by the poller or endpoint that
-- processes it, then finished with its outcome, so that a message arriving twice, or raced for by two
-- pollers, is processed once. ticketing_mail_sent holds the Message-IDs (hashed the same way) of the
-- mails the library sent, with their ticket, for replies threaded by In-Reply-To/References.
-- Instants are microseconds since the epoch (UTC).
create table ticketing_mail_inbound (
  message_key  varchar(64)  not null,
  owner_id     varchar(128) not null,
  lease_until  bigint       not null,
  outcome      varchar(32),
  ticket_id    varchar(128),
  finished_at  bigint,
  primary key (message_key)
);
create table ticketing_mail_sent (
  message_key  varchar(64)  not null,
  ticket_id    varchar(128) not null,
  sent_at      bigint       not null,
  primary key (message_key)
);
create index ix_mail_sent_ticket on ticketing_mail_sent (ticket_id);
