-- The host's own tables (the ticketing tables come from the library's migrations). Idempotent: the
-- postgres profile runs it at every start.

-- Predefined support subjects: tickets name one by id.
create table if not exists support_subject (
  id       varchar(36)  not null primary key,
  label    varchar(200) not null,
  active   boolean      not null,
  position integer      not null
);

-- The in-app notification feed, written by the push channel; the id is the library's notification id.
create table if not exists app_notification (
  id             varchar(64)   not null primary key,
  user_id        varchar(64)   not null,
  subject        varchar(200)  not null,
  description    varchar(2000) not null,
  ticket_id      varchar(128),
  template       varchar(64)   not null,
  created_micros bigint        not null
);
create index if not exists ix_app_notification_user on app_notification (user_id, created_micros, id);
