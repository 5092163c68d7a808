-- A ticket's category is the id of a subject in the host's catalog, which may be a UUID or any other
-- well-formed id of up to 128 characters (like every other id column).
alter table ticketing_ticket alter column category type varchar(128);
