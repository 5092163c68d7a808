-- Issue 22: every row that belongs to a ticket carries the ticket's company, the same columns as on
-- PostgreSQL (where the schema can also be distributed or partitioned by company), so that the
-- store writes and reads the same rows on every database.
--
-- A ticket always has a company, so every copy is not null. Rows whose ticket no longer exists when
-- this runs (the PURGED audit entries of erased tickets) get the empty string: the one value no
-- company id can take, the same on every table. Links and merges take the company of their first
-- ticket (both tickets belong to one company); a field change that of its audit entry.

-- Each table is rebuilt once (the column, its backfill, then the default dropped).

alter table ticketing_comment add column company_id varchar(128) not null default '';
update ticketing_comment x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_comment alter column company_id drop default;

alter table ticketing_attachment add column company_id varchar(128) not null default '';
update ticketing_attachment x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_attachment alter column company_id drop default;

alter table ticketing_upload_grant add column company_id varchar(128) not null default '';
update ticketing_upload_grant x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_upload_grant alter column company_id drop default;

alter table ticketing_audit_entry add column company_id varchar(128) not null default '';
update ticketing_audit_entry x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_audit_entry alter column company_id drop default;

alter table ticketing_audit_change add column company_id varchar(128) not null default '';
update ticketing_audit_change x join ticketing_audit_entry t on t.id = x.entry_id set x.company_id = t.company_id;
alter table ticketing_audit_change alter column company_id drop default;

alter table ticketing_ticket_tag add column company_id varchar(128) not null default '';
update ticketing_ticket_tag x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_ticket_tag alter column company_id drop default;

alter table ticketing_ticket_field add column company_id varchar(128) not null default '';
update ticketing_ticket_field x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_ticket_field alter column company_id drop default;

alter table ticketing_sla_clock add column company_id varchar(128) not null default '';
update ticketing_sla_clock x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_sla_clock alter column company_id drop default;

alter table ticketing_ticket_link add column company_id varchar(128) not null default '';
update ticketing_ticket_link x join ticketing_ticket t on t.id = x.from_ticket_id set x.company_id = t.company_id;
alter table ticketing_ticket_link alter column company_id drop default;

alter table ticketing_ticket_merge add column company_id varchar(128) not null default '';
update ticketing_ticket_merge x join ticketing_ticket t on t.id = x.source_ticket_id set x.company_id = t.company_id;
alter table ticketing_ticket_merge alter column company_id drop default;

alter table ticketing_automation_clock add column company_id varchar(128) not null default '';
update ticketing_automation_clock x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_automation_clock alter column company_id drop default;

alter table ticketing_automation_firing add column company_id varchar(128) not null default '';
update ticketing_automation_firing x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_automation_firing alter column company_id drop default;

alter table ticketing_mail_sent add column company_id varchar(128) not null default '';
update ticketing_mail_sent x join ticketing_ticket t on t.id = x.ticket_id set x.company_id = t.company_id;
alter table ticketing_mail_sent alter column company_id drop default;
