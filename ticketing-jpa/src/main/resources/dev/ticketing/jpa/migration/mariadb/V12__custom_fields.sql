-- Issue 18: typed custom fields. See the PostgreSQL script for the design; MariaDB has no partial
-- indexes, so each index holds every row (nulls first within a key).
create table ticketing_field_definition (
  field_key  varchar(64)  not null,
  version    integer      not null,
  label      varchar(200) not null,
  field_type varchar(20)  not null,
  category   varchar(128),
  required   boolean      not null,
  visibility varchar(20)  not null,
  choices    mediumtext,
  pattern    varchar(500),
  active     boolean      not null,
  changed_at datetime(6)  not null,
  changed_by varchar(128) not null,
  primary key (field_key, version)
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;

alter table ticketing_ticket add column field_values mediumtext;

create table ticketing_ticket_field (
  ticket_id    varchar(128)    not null,
  field_key    varchar(64)     not null,
  item         smallint        not null,
  text_value   varchar(255),
  number_value decimal(29, 10),
  date_value   date,
  created_at   datetime(6)     not null,
  primary key (ticket_id, field_key, item),
  constraint fk_ticket_field_ticket foreign key (ticket_id) references ticketing_ticket (id)
) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin;
create index ix_ticket_field_text on ticketing_ticket_field
  (field_key, text_value, created_at desc, ticket_id desc);
create index ix_ticket_field_number on ticketing_ticket_field
  (field_key, number_value, created_at desc, ticket_id desc);
create index ix_ticket_field_date on ticketing_ticket_field
  (field_key, date_value, created_at desc, ticket_id desc);
