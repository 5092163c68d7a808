-- Ticketing SDK schema, MariaDB 10.6+ (InnoDB, utf8mb4; datetime(6) columns hold UTC). Every list the service offers is newest first on
-- (created_at, id), so each access path has an index ending in those two columns.

create table ticketing_ticket (
  id                   varchar(128)   not null primary key,
  company_id           varchar(128)   not null,
  created_by           varchar(128)   not null,
  title                varchar(200)   not null,
  description          text not null,
  status               varchar(32)    not null,
  priority             varchar(16)    not null,
  category             varchar(64)    not null,
  assignee_id          varchar(128),
  created_at           datetime(6) not null,
  updated_at           datetime(6) not null,
  resolved_at          datetime(6),
  closed_at            datetime(6),
  deleted_at           datetime(6),
  deleted_by           varchar(128),
  status_before_delete varchar(32),
  version              bigint         not null
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
create index ix_ticket_created  on ticketing_ticket (created_at desc, id desc);
create index ix_ticket_company  on ticketing_ticket (company_id, created_at desc, id desc);
create index ix_ticket_creator  on ticketing_ticket (created_by, created_at desc, id desc);
create index ix_ticket_assignee on ticketing_ticket (assignee_id, created_at desc, id desc);
create index ix_ticket_status   on ticketing_ticket (status, created_at desc, id desc);

create table ticketing_comment (
  id          varchar(128)   not null primary key,
  ticket_id   varchar(128)   not null,
  author_id   varchar(128)   not null,
  content     text not null,
  internal    boolean        not null,
  external_id varchar(128)   unique,
  created_at  datetime(6) not null,
  updated_at  datetime(6) not null,
  constraint fk_comment_ticket foreign key (ticket_id) references ticketing_ticket (id)
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
create index ix_comment_ticket on ticketing_comment (ticket_id, created_at, id);

create table ticketing_attachment (
  id           varchar(128) not null primary key,
  ticket_id    varchar(128) not null,
  comment_id   varchar(128),
  internal     boolean      not null,
  object_key   varchar(700) not null unique,
  file_name    varchar(255) not null,
  content_type varchar(255) not null,
  file_size    bigint       not null,
  uploaded_by  varchar(128) not null,
  created_at   datetime(6) not null,
  constraint fk_attachment_ticket foreign key (ticket_id) references ticketing_ticket (id),
  constraint fk_attachment_comment foreign key (comment_id) references ticketing_comment (id)
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
create index ix_attachment_ticket on ticketing_attachment (ticket_id, created_at, id);

create table ticketing_upload_grant (
  object_key   varchar(700) not null primary key,
  ticket_id    varchar(128) not null,
  issued_to    varchar(128) not null,
  file_name    varchar(255) not null,
  content_type varchar(255) not null,
  file_size    bigint       not null,
  issued_at    datetime(6) not null,
  expires_at   datetime(6) not null,
  constraint fk_upload_grant_ticket foreign key (ticket_id) references ticketing_ticket (id)
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
create index ix_upload_grant_ticket on ticketing_upload_grant (ticket_id);

-- No foreign key to the ticket: the PURGED entry outlives it.
create table ticketing_audit_entry (
  id         varchar(128) not null primary key,
  ticket_id  varchar(128) not null,
  action     varchar(32)  not null,
  actor_id   varchar(128) not null,
  actor_role varchar(32)  not null,
  created_at datetime(6) not null
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
create index ix_audit_ticket on ticketing_audit_entry (ticket_id, created_at, id);

create table ticketing_audit_change (
  entry_id  varchar(128)   not null,
  change_index integer     not null,
  field_name varchar(64)   not null,
  old_value text,
  new_value text,
  primary key (entry_id, change_index),
  constraint fk_audit_change_entry foreign key (entry_id) references ticketing_audit_entry (id) on delete cascade
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;

create table ticketing_outbox (
  id              varchar(128)  not null primary key,
  template        varchar(100)  not null,
  recipient_id    varchar(128)  not null,
  ticket_id       varchar(128)  not null,
  comment_id      varchar(128),
  actor_id        varchar(128)  not null,
  occurred_at     datetime(6) not null,
  state           varchar(16)   not null,
  attempts        integer       not null,
  next_attempt_at datetime(6) not null,
  last_error      varchar(2000),
  lease_owner     varchar(200),
  lease_until     datetime(6),
  delivered_at    datetime(6)
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
-- Dispatchers look for due pending rows; operators for dead ones.
create index ix_outbox_due on ticketing_outbox (state, next_attempt_at);
create index ix_outbox_ticket on ticketing_outbox (ticket_id);

create table ticketing_outbox_data (
  notification_id varchar(128)   not null,
  data_name       varchar(100)   not null,
  data_value      text,
  primary key (notification_id, data_name),
  constraint fk_outbox_data_outbox foreign key (notification_id) references ticketing_outbox (id) on delete cascade
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
