-- Issue 22: a customer's pages, counts and searches are written on PostgreSQL as the union of two
-- arms: their own tickets within their company, and the tickets of their company that copy them.
-- One query with an "or" of the two could not be estimated: PostgreSQL took the customer's tickets
-- to be spread over every company (a few dozen rows where the busiest customer has thousands), and
-- its plan changed with each analyze between walking the company's index (0.3 ms at a million
-- tickets) and reading and sorting every ticket of the company (35 to 85 ms).
--
-- The first arm reads ix_ticket_requester and checks the company on each ticket. Wherever else
-- requester_id and company_id are both fixed (a requester filter within a company), the planner
-- multiplied their selectivities as V3 found for created_by: each requester belongs to one
-- company, and functional-dependency statistics tell it so (2,431 of the busiest customer's 2,581
-- tickets expected at a million, rather than 30).
create statistics if not exists st_ticket_requester_company (dependencies)
  on requester_id, company_id from ticketing_ticket;

-- The second arm reads only the tickets that have CCs, in page order by company, rather than every
-- ticket of the company. "if not exists": an operator of a large installation can build it
-- beforehand without blocking writes (create index concurrently, same name and definition).
create index if not exists ix_ticket_company_copied
  on ticketing_ticket (company_id, created_at desc, id desc) where cc_ids is not null;

analyze ticketing_ticket;
