-- Ticket counters, kept in the unit of work of every ticket write so that statistics and simple
-- totals are sums over a few rows, not counts over the tickets. A counter is (company_id,
-- counter_key); a write adds its deltas to one of its stripes (rows), chosen per unit of work, so
-- concurrent writers of one company mostly lock different rows. Reads sum the stripes; folding
-- sums them into stripe 0. The keys are the engine's: s:<status>, p:<priority>, ap:<priority>
-- (active), a:<assignee>, u (unassigned), au (active unassigned), c:<category>, t:<tag>, at:<tag>
-- (active); soft-deleted tickets count nowhere.
create table ticketing_counter (
  company_id  varchar(128) not null,
  counter_key varchar(200) not null,
  stripe      integer      not null,
  n           bigint       not null,
  primary key (company_id, counter_key, stripe)
);

-- The tickets already stored, counted into stripe 0.
insert into ticketing_counter (company_id, counter_key, stripe, n)
select company_id, k, 0, count(*) from (
  select company_id, concat('s:', status) k from ticketing_ticket where deleted_at is null
  union all
  select company_id, concat('p:', priority) k from ticketing_ticket where deleted_at is null
  union all
  select company_id, concat('ap:', priority) k from ticketing_ticket
   where deleted_at is null and status in ('OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'REOPENED')
  union all
  select company_id, concat('a:', assignee_id) k from ticketing_ticket
   where deleted_at is null and assignee_id is not null
  union all
  select company_id, 'u' k from ticketing_ticket where deleted_at is null and assignee_id is null
  union all
  select company_id, 'au' k from ticketing_ticket
   where deleted_at is null and assignee_id is null
     and status in ('OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'REOPENED')
  union all
  select company_id, concat('c:', category) k from ticketing_ticket where deleted_at is null
  union all
  select t.company_id, concat('t:', g.tag) k from ticketing_ticket_tag g
    join ticketing_ticket t on t.id = g.ticket_id where t.deleted_at is null
  union all
  select t.company_id, concat('at:', g.tag) k from ticketing_ticket_tag g
    join ticketing_ticket t on t.id = g.ticket_id
   where t.deleted_at is null
     and t.status in ('OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'REOPENED')
) x
group by company_id, k;
