-- Issue 18: a page filtered by one tag is read from that tag's rows in the page's order, and within
-- a company (a company's listing, a scope of one company) from that company's rows of the tag. The rows
-- already repeat the ticket's creation time (V10); they now repeat its company too, so that
-- ix_ticket_tag_company holds them as (company, tag, creation time, ticket) and the page stops
-- after its last row instead of sorting every ticket of the company carrying the tag.
--
-- The company column is added only where it is missing: the migration that copies the company onto
-- every row of a ticket may have added it already. Both copies are the ticket's company, which never
-- changes. The update touches only rows still without one.
alter table ticketing_ticket_tag add column if not exists company_id varchar(128) not null default '';
update ticketing_ticket_tag x set company_id = t.company_id
  from ticketing_ticket t where t.id = x.ticket_id and x.company_id = '';
alter table ticketing_ticket_tag alter column company_id drop default;
create index ix_ticket_tag_company
  on ticketing_ticket_tag (company_id, tag, created_at desc, ticket_id desc);
