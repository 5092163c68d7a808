-- Ticketing SDK schema, H2 2.x (the embedded default). Every list the service offers is newest first on
-- (created_at, id), so each access path has an index ending in those two columns.

create table ticketing_ticket (
  id                   varchar(128)   not null primary key,
  company_id           varchar(128)   not null,
  created_by           varchar(128)   not null,
  title                varchar(200)   not null,
  description          varchar(10000) not null,
  status               varchar(32)    not null,
  priority             varchar(16)    not null,
  category             varchar(64)    not null,
  assignee_id          varchar(128),
  created_at           timestamp(6) with time zone not null,
  updated_at           timestamp(6) with time zone not null,
  resolved_at          timestamp(6) with time zone,
  closed_at            timestamp(6) with time zone,
  deleted_at           timestamp(6) with time zone,
  deleted_by           varchar(128),
  status_before_delete varchar(32),
  version              bigint         not null
);
create index ix_ticket_created  on ticketing_ticket (created_at desc, id desc);
create index ix_ticket_company  on ticketing_ticket (company_id, created_at desc, id desc);
create index ix_ticket_creator  on ticketing_ticket (created_by, created_at desc, id desc);
create index ix_ticket_assignee on ticketing_ticket (assignee_id, created_at desc, id desc);
create index ix_ticket_status   on ticketing_ticket (status, created_at desc, id desc);

create table ticketing_comment (
  id          varchar(128)   not null primary key,
  ticket_id   varchar(128)   not null references ticketing_ticket (id),
  author_id   varchar(128)   not null,
  content     varchar(10000) not null,
  internal    boolean        not null,
  external_id varchar(128)   unique,
  created_at  timestamp(6) with time zone not null,
  updated_at  timestamp(6) with time zone not null
);
create index ix_comment_ticket on ticketing_comment (ticket_id, created_at, id);

create table ticketing_attachment (
  id           varchar(128) not null primary key,
  ticket_id    varchar(128) not null references ticketing_ticket (id),
  comment_id   varchar(128) references ticketing_comment (id),
  internal     boolean      not null,
  object_key   varchar(700) not null unique,
  file_name    varchar(255) not null,
  content_type varchar(255) not null,
  file_size    bigint       not null,
  uploaded_by  varchar(128) not null,
  created_at   timestamp(6) with time zone not null
);
create index ix_attachment_ticket on ticketing_attachment (ticket_id, created_at, id);

create table ticketing_upload_grant (
  object_key   varchar(700) not null primary key,
  ticket_id    varchar(128) not null references ticketing_ticket (id),
  issued_to    varchar(128) not null,
  file_name    varchar(255) not null,
  content_type varchar(255) not null,
  file_size    bigint       not null,
  issued_at    timestamp(6) with time zone not null,
  expires_at   timestamp(6) with time zone not null
);
create index ix_upload_grant_ticket on ticketing_upload_grant (ticket_id);

-- No foreign key to the ticket: the PURGED entry outlives it.
create table ticketing_audit_entry (
  id         varchar(128) not null primary key,
  ticket_id  varchar(128) not null,
  action     varchar(32)  not null,
  actor_id   varchar(128) not null,
  actor_role varchar(32)  not null,
  created_at timestamp(6) with time zone not null
);
create index ix_audit_ticket on ticketing_audit_entry (ticket_id, created_at, id);

create table ticketing_audit_change (
  entry_id  varchar(128)   not null references ticketing_audit_entry (id) on delete cascade,
  change_index integer     not null,
  field_name varchar(64)   not null,
  old_value varchar(10000),
  new_value varchar(10000),
  primary key (entry_id, change_index)
);

create table ticketing_outbox (
  id              varchar(128)  not null primary key,
  template        varchar(100)  not null,
  recipient_id    varchar(128)  not null,
  ticket_id       varchar(128)  not null,
  comment_id      varchar(128),
  actor_id        varchar(128)  not null,
  occurred_at     timestamp(6) with time zone not null,
  state           varchar(16)   not null,
  attempts        integer       not null,
  next_attempt_at timestamp(6) with time zone not null,
  last_error      varchar(2000),
  lease_owner     varchar(200),
  lease_until     timestamp(6) with time zone,
  delivered_at    timestamp(6) with time zone
);
-- Dispatchers look for due pending rows; operators for dead ones.
create index ix_outbox_due on ticketing_outbox (state, next_attempt_at);
create index ix_outbox_ticket on ticketing_outbox (ticket_id);

create table ticketing_outbox_data (
  notification_id varchar(128)   not null references ticketing_outbox (id) on delete cascade,
  data_name       varchar(100)   not null,
  data_value      varchar(10000),
  primary key (notification_id, data_name)
);
