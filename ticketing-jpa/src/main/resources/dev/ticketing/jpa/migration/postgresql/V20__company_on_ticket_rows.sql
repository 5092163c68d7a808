-- Issue 22: every row that belongs to a ticket carries the ticket's company, so that a host can
-- distribute the tables by company (Citus, colocated on company_id) or partition them by hash of
-- company_id, and every statement the store sends for a ticket's rows names the company.
--
-- A ticket always has a company (company_id is not null since V1, and creation requires one), so
-- every copy is not null. Rows whose ticket no longer exists when this runs (the PURGED audit
-- entries of erased tickets) get the empty string: the one value no company id can take, the same
-- on every table. Adding a column with a default rewrites no row on PostgreSQL 11+; the updates then
-- write each row once, after which the defaults are dropped: the store always writes the company.
alter table ticketing_comment add column company_id varchar(128) not null default '';
update ticketing_comment x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_comment alter column company_id drop default;

alter table ticketing_attachment add column company_id varchar(128) not null default '';
update ticketing_attachment x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_attachment alter column company_id drop default;

alter table ticketing_upload_grant add column company_id varchar(128) not null default '';
update ticketing_upload_grant x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_upload_grant alter column company_id drop default;

alter table ticketing_audit_entry add column company_id varchar(128) not null default '';
update ticketing_audit_entry x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_audit_entry alter column company_id drop default;

alter table ticketing_audit_change add column company_id varchar(128) not null default '';
update ticketing_audit_change x set company_id = e.company_id from ticketing_audit_entry e where e.id = x.entry_id;
alter table ticketing_audit_change alter column company_id drop default;

alter table ticketing_ticket_tag add column company_id varchar(128) not null default '';
update ticketing_ticket_tag x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_ticket_tag alter column company_id drop default;

alter table ticketing_ticket_field add column company_id varchar(128) not null default '';
update ticketing_ticket_field x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_ticket_field alter column company_id drop default;

alter table ticketing_sla_clock add column company_id varchar(128) not null default '';
update ticketing_sla_clock x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_sla_clock alter column company_id drop default;

-- Links and merges join two tickets of one company: the company of the first.
alter table ticketing_ticket_link add column company_id varchar(128) not null default '';
update ticketing_ticket_link x set company_id = t.company_id from ticketing_ticket t where t.id = x.from_ticket_id;
alter table ticketing_ticket_link alter column company_id drop default;

alter table ticketing_ticket_merge add column company_id varchar(128) not null default '';
update ticketing_ticket_merge x set company_id = t.company_id from ticketing_ticket t where t.id = x.source_ticket_id;
alter table ticketing_ticket_merge alter column company_id drop default;

alter table ticketing_automation_clock add column company_id varchar(128) not null default '';
update ticketing_automation_clock x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_automation_clock alter column company_id drop default;

alter table ticketing_automation_firing add column company_id varchar(128) not null default '';
update ticketing_automation_firing x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_automation_firing alter column company_id drop default;

alter table ticketing_mail_sent add column company_id varchar(128) not null default '';
update ticketing_mail_sent x set company_id = t.company_id from ticketing_ticket t where t.id = x.ticket_id;
alter table ticketing_mail_sent alter column company_id drop default;

-- A ticket's conversation, attachments, grants and history are read by (company, ticket): the
-- indexes lead with the company, so that each shard or partition holds its companies' entries.
drop index ix_comment_ticket;
create index ix_comment_ticket on ticketing_comment (company_id, ticket_id, created_at, id);
drop index ix_attachment_ticket;
create index ix_attachment_ticket on ticketing_attachment (company_id, ticket_id, created_at, id);
drop index ix_upload_grant_ticket;
create index ix_upload_grant_ticket on ticketing_upload_grant (company_id, ticket_id);
drop index ix_audit_ticket;
create index ix_audit_ticket on ticketing_audit_entry (company_id, ticket_id, created_at, seq);

-- A foreign key's definition joined on company_id too (unchanged when it already is).
create or replace function ticketing_company_key(def text) returns text
language sql immutable as $fn$
  select case when def ~ '^FOREIGN KEY \(company_id,' then def
         else regexp_replace(def, '^FOREIGN KEY \((.*?)\) REFERENCES (\S+)\((.*?)\)',
                             'FOREIGN KEY (company_id, \1) REFERENCES \2(company_id, \3)') end
$fn$;

-- The hash-partitioned layout (TicketingSchema.Layout.HASH_BY_COMPANY). ticketing_hash_partition
-- rebuilds one table as PARTITION BY HASH (company_id) with the given number of partitions: its
-- rows copied, its primary key and unique keys led by company_id, its other indexes and extended
-- statistics as they were, and the foreign keys from and to it joined on company_id as well.
create or replace function ticketing_hash_partition(tbl text, partitions integer) returns void
language plpgsql as $fn$
declare
  r record;
  fks_in text[] := '{}';
  fks_out text[] := '{}';
  keys text[] := '{}';
  indexes text[] := '{}';
  stats text[] := '{}';
  stmt text;
  i integer;
begin
  if (select relkind from pg_class where oid = tbl::regclass) = 'p' then
    return;
  end if;
  -- Foreign keys from other tables to this one, and from this one: dropped now, joined on the
  -- company when made again.
  for r in select conrelid::regclass::text as owner, conname, pg_get_constraintdef(oid) as def
           from pg_constraint where contype = 'f' and conparentid = 0 and confrelid = tbl::regclass
             and conrelid <> tbl::regclass loop
    fks_in := fks_in || format('alter table %s add constraint %I %s', r.owner, r.conname,
      ticketing_company_key(r.def));
    execute format('alter table %s drop constraint %I', r.owner, r.conname);
  end loop;
  for r in select conname, pg_get_constraintdef(oid) as def
           from pg_constraint where contype = 'f' and conparentid = 0 and conrelid = tbl::regclass loop
    fks_out := fks_out || format('alter table %s add constraint %I %s', tbl, r.conname,
      ticketing_company_key(r.def));
    execute format('alter table %s drop constraint %I', tbl, r.conname);
  end loop;
  -- Primary and unique keys: a partitioned table's unique keys must contain company_id.
  for r in select conname, pg_get_constraintdef(oid) as def
           from pg_constraint where contype in ('p', 'u') and conrelid = tbl::regclass loop
    keys := keys || format('alter table %s add constraint %I %s', tbl, r.conname,
      case when r.def ~ '\mcompany_id\M' then r.def
           else regexp_replace(r.def, '^(PRIMARY KEY|UNIQUE) \(', '\1 (company_id, ') end);
  end loop;
  for r in select pg_get_indexdef(x.indexrelid) as def, x.indisunique as uniq
           from pg_index x where x.indrelid = tbl::regclass
             and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid) loop
    indexes := indexes ||
      case when r.uniq and r.def !~ '\mcompany_id\M'
           then regexp_replace(r.def, ' USING (\w+) \(', ' USING \1 (company_id, ')
           else r.def end;
  end loop;
  for r in select pg_get_statisticsobjdef(oid) as def from pg_statistic_ext
           where stxrelid = tbl::regclass loop
    stats := stats || r.def;
  end loop;

  execute format('alter table %s rename to %I', tbl, tbl || '__plain');
  execute format('create table %s (like %I including defaults including identity'
                 || ' including generated including constraints including storage)'
                 || ' partition by hash (company_id)', tbl, tbl || '__plain');
  for i in 0 .. partitions - 1 loop
    execute format('create table %I partition of %s for values with (modulus %s, remainder %s)',
                   tbl || '_p' || i, tbl, partitions, i);
  end loop;
  execute format('insert into %s overriding system value select * from %I', tbl, tbl || '__plain');
  -- Identity columns go on from the highest number copied.
  for r in select a.attname from pg_attribute a
           where a.attrelid = tbl::regclass and a.attidentity <> '' loop
    execute format('select setval(pg_get_serial_sequence(%L, %L),'
                   || ' coalesce((select max(%I) from %s), 0) + 1, false)',
                   tbl, r.attname, r.attname, tbl);
  end loop;
  execute format('drop table %I', tbl || '__plain');
  foreach stmt in array keys || indexes || stats || fks_out || fks_in loop
    execute stmt;
  end loop;
  execute format('analyze %s', tbl);
end
$fn$;

-- For migrations after this one: partitions a new table of ticket rows like the tickets are, and
-- does nothing when the tickets are not partitioned (the plain layout).
create or replace function ticketing_partition_like_tickets(tbl text) returns void
language plpgsql as $fn$
declare
  n integer;
begin
  select count(*) into n from pg_inherits where inhparent = 'ticketing_ticket'::regclass;
  if n > 0 then
    perform ticketing_hash_partition(tbl, n);
  end if;
end
$fn$;

-- Keeps ticketing_comment_external_id (partitioned layout only) equal to the comments' external
-- ids: a second comment with an external id already held fails with a unique violation.
create or replace function ticketing_claim_comment_external_id() returns trigger
language plpgsql as $fn$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.external_id is not null then
    delete from ticketing_comment_external_id where external_id = old.external_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.external_id is not null then
    insert into ticketing_comment_external_id (external_id, company_id, comment_id)
      values (new.external_id, new.company_id, new.id);
  end if;
  return null;
end
$fn$;

-- The layout is chosen by the host when the schema is created (TicketingSchema.migrate with a
-- layout sets ticketing.layout and ticketing.partitions on the migrations' connection).
do $do$
declare
  n integer := coalesce(nullif(current_setting('ticketing.partitions', true), ''), '16')::integer;
  t text;
begin
  if coalesce(current_setting('ticketing.layout', true), '') = 'hash_by_company' then
    foreach t in array array['ticketing_ticket', 'ticketing_comment', 'ticketing_attachment',
        'ticketing_upload_grant', 'ticketing_audit_entry', 'ticketing_audit_change',
        'ticketing_ticket_tag', 'ticketing_ticket_field', 'ticketing_sla_clock',
        'ticketing_ticket_link', 'ticketing_ticket_merge', 'ticketing_automation_clock',
        'ticketing_automation_firing', 'ticketing_mail_sent', 'ticketing_rating'] loop
      perform ticketing_hash_partition(t, n);
    end loop;
    -- A comment's external id is unique in the whole store, which a partitioned table's unique
    -- keys (led by company_id) cannot say: a table of its own holds each one, kept by a trigger.
    create table ticketing_comment_external_id (
      external_id varchar(128) not null primary key,
      company_id  varchar(128) not null,
      comment_id  varchar(128) not null
    );
    insert into ticketing_comment_external_id
      select external_id, company_id, id from ticketing_comment where external_id is not null;
    create trigger tg_comment_external_id
      after insert or update of external_id or delete on ticketing_comment
      for each row execute function ticketing_claim_comment_external_id();
  end if;
end
$do$;
