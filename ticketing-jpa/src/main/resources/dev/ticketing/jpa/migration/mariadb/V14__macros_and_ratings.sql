-- Issue 18: macros (canned replies) and satisfaction ratings. Instants are microseconds since the
-- epoch (UTC), the same on every database. Tags are kept space-separated (a tag has no space),
-- roles comma-separated. name_key is the name in lower case: names are unique case-insensitively.
create table ticketing_macro (
  id                varchar(128)  not null primary key,
  name              varchar(100)  not null,
  name_key          varchar(100)  not null,
  description       varchar(500),
  body              text,
  internal_note     boolean       not null,
  set_status        varchar(32),
  set_priority      varchar(32),
  add_tags          varchar(4000) not null,
  remove_tags       varchar(4000) not null,
  assignee_id       varchar(128),
  assign_to_applier boolean       not null,
  roles             varchar(200)  not null,
  version           bigint        not null,
  created_at        bigint        not null,
  updated_at        bigint        not null,
  updated_by        varchar(128)  not null
);
create unique index ux_macro_name on ticketing_macro (name_key);

-- One rating per ticket. No foreign key to the ticket: a purge deletes the rating in its own unit
-- of work. rated_day is the UTC date of rated_at (yyyy-MM-dd), what daily and monthly summaries
-- group by.
create table ticketing_rating (
  ticket_id   varchar(128) not null primary key,
  score       integer      not null,
  comment_text text,
  rater_id    varchar(128) not null,
  company_id  varchar(128) not null,
  assignee_id varchar(128),
  rated_at    bigint       not null,
  rated_day   char(10)     not null,
  via_link    boolean      not null
);
create index ix_rating_time on ticketing_rating (rated_at);
create index ix_rating_company on ticketing_rating (company_id, rated_at);
