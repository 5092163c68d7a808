-- Every foreign key of the ticketing tables gets an index led by its columns. PostgreSQL makes
-- none by itself (MariaDB and H2 do), and without one each deleted ticket (a purge) or comment
-- makes the database read the whole referencing table to check that no row still points at it:
-- since V20 led the ticket-row indexes with company_id, the plain layout's single-column keys
-- (comments, attachments and upload grants to their ticket, attachments to their comment) had
-- none. The partitioned layout's keys include company_id and are already served.
--
-- A key that already has such an index is left alone, so an operator of a large installation
-- can build these beforehand without blocking writes (create index concurrently, any name).
do $do$
declare
  r record;
begin
  for r in
    select c.conrelid::regclass::text as tbl,
           (select string_agg(quote_ident(a.attname), ', ' order by k.ord)
              from unnest(c.conkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as cols,
           (select string_agg(a.attname, '_' order by k.ord)
              from unnest(c.conkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as name
    from pg_constraint c
    where c.contype = 'f' and c.conparentid = 0
      and c.conrelid::regclass::text like 'ticketing\_%'
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] = c.conkey)
  loop
    execute format('create index %I on %s (%s)', 'ix_' || r.tbl || '_' || r.name || '_fk', r.tbl, r.cols);
  end loop;
end
$do$;
