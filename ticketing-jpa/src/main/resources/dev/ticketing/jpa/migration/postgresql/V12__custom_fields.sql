-- Issue 18: typed custom fields.
--
-- Every version of every field definition; the latest version of a key is the current one.
create table ticketing_field_definition (
  field_key  varchar(64)  not null,
  version    integer      not null,
  label      varchar(200) not null,
  field_type varchar(20)  not null,
  category   varchar(128),
  required   boolean      not null,
  visibility varchar(20)  not null,
  choices    text,
  pattern    varchar(500),
  active     boolean      not null,
  changed_at timestamp(6) with time zone not null,
  changed_by varchar(128) not null,
  primary key (field_key, version)
);

-- A ticket's values travel with its row (one encoded column, null when none), so a ticket and a
-- page of tickets read them with no further statement, however many fields are defined.
alter table ticketing_ticket add column field_values text;

-- One row per value (per choice of a multiple choice value), typed, with the ticket's creation time
-- copied (it never changes): a filter by a field's value walks one of the indexes below, which end
-- in the tickets' sort key. Each index is partial: a row fills exactly one typed column.
create table ticketing_ticket_field (
  ticket_id    varchar(128) not null references ticketing_ticket (id),
  field_key    varchar(64)  not null,
  item         smallint     not null,
  text_value   varchar(255),
  number_value numeric(29, 10),
  date_value   date,
  created_at   timestamp(6) with time zone not null,
  primary key (ticket_id, field_key, item)
);
create index ix_ticket_field_text on ticketing_ticket_field
  (field_key, text_value, created_at desc, ticket_id desc) where text_value is not null;
create index ix_ticket_field_number on ticketing_ticket_field
  (field_key, number_value, created_at desc, ticket_id desc) where number_value is not null;
create index ix_ticket_field_date on ticketing_ticket_field
  (field_key, date_value, created_at desc, ticket_id desc) where date_value is not null;
