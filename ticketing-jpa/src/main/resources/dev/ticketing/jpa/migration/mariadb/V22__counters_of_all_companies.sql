-- The counters of every company together, kept by the engine under the reserved company id '*'
-- (no company id can be '*': ids are letters, digits and . _ : @ -) in the same unit of work as each
-- company's, so that statistics and totals over all companies sum a few rows whatever the number of
-- companies. The schema does not change: the set is one more company of ticketing_counter.

-- The counters already kept, summed over the companies into stripe 0 of the set.
delete from ticketing_counter where company_id = '*';

insert into ticketing_counter (company_id, counter_key, stripe, n)
select '*', counter_key, 0, sum(n) from ticketing_counter
 where company_id <> '*'
 group by counter_key
having sum(n) <> 0;
