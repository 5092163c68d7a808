-- A ticket's category is the id of a subject in the host's catalog, which may be a UUID or any other
-- well-formed id of up to 128 characters (like every other id column). The table's binary collation
-- keeps ids that differ in case apart.
alter table ticketing_ticket modify category varchar(128) not null;
