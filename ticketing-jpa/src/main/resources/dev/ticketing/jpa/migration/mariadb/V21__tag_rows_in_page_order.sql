-- Issue 18: a page filtered by one tag is read from that tag's rows in the page's order, and within
-- a company from that company's rows of the tag (see the PostgreSQL script for the reasons). The
-- company column is added only where it is missing (the migration that copies the company onto
-- every row of a ticket may have added it already); the update touches only rows without one.
alter table ticketing_ticket_tag add column if not exists company_id varchar(128) not null default '';
update ticketing_ticket_tag x join ticketing_ticket t on t.id = x.ticket_id
  set x.company_id = t.company_id where x.company_id = '';
alter table ticketing_ticket_tag alter column company_id drop default;
create index ix_ticket_tag_company
  on ticketing_ticket_tag (company_id, tag, created_at desc, ticket_id desc);
