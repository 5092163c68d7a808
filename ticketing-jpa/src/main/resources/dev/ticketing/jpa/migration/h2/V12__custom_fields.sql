-- Issue 18: typed custom fields. See the PostgreSQL script for the design.
create table ticketing_field_definition (
  field_key  varchar(64)  not null,
  version    integer      not null,
  label      varchar(200) not null,
  field_type varchar(20)  not null,
  category   varchar(128),
  required   boolean      not null,
  visibility varchar(20)  not null,
  choices    varchar(1000000),
  pattern    varchar(500),
  active     boolean      not null,
  changed_at timestamp(6) with time zone not null,
  changed_by varchar(128) not null,
  primary key (field_key, version)
);

alter table ticketing_ticket add column field_values varchar(1000000);

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
  (field_key, text_value, created_at desc, ticket_id desc);
create index ix_ticket_field_number on ticketing_ticket_field
  (field_key, number_value, created_at desc, ticket_id desc);
create index ix_ticket_field_date on ticketing_ticket_field
  (field_key, date_value, created_at desc, ticket_id desc);
