-- H2 measures CHARACTER VARYING(n) in UTF-16 code units, whereas the service's limits count
-- characters (code points) as PostgreSQL and MariaDB do: a 200-character title of emoji is 400
-- units. Every column holding user text gets twice its limit. SET DATA TYPE keeps NOT NULL.
alter table ticketing_ticket       alter column title       set data type varchar(400);
alter table ticketing_ticket       alter column description set data type varchar(20000);
alter table ticketing_comment      alter column content     set data type varchar(20000);
alter table ticketing_audit_change alter column old_value   set data type varchar(20000);
alter table ticketing_audit_change alter column new_value   set data type varchar(20000);
alter table ticketing_outbox_data  alter column data_value  set data type varchar(20000);
