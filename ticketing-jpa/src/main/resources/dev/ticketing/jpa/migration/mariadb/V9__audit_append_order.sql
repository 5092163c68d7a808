-- Issue 16: a ticket's history comes back oldest first, and entries of the same instant in the order
-- they were appended. Ids cannot say that order (time-ordered ids carry random bits within a
-- millisecond), so the database numbers each entry as it is inserted. Entries written before this
-- migration are numbered in no particular order: their timestamps still order them. InnoDB wants an
-- AUTO_INCREMENT column to lead an index, hence the unique key on it.
alter table ticketing_audit_entry
  add column seq bigint not null auto_increment,
  add unique key uq_audit_entry_seq (seq);
drop index ix_audit_ticket on ticketing_audit_entry;
create index ix_audit_ticket on ticketing_audit_entry (ticket_id, created_at, seq);
