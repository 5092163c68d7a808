-- Uploads go to a staging key and are copied to their object key when confirmed, so the key a file
-- is served from was never signed for an upload. A grant names both keys and the claim of the
-- confirmation copying it; objects to delete are scheduled in the unit of work that gives them up.

create table ticketing_object_deletion (
  object_key varchar(700) not null primary key,
  not_before timestamp(6) with time zone not null
);
create index ix_object_deletion_due on ticketing_object_deletion (not_before, object_key);

-- Grants issued before this version signed their object key itself for the upload, so what was
-- confirmed there could still be replaced: they are dropped, and whatever they uploaded is deleted
-- once their URLs have expired.
insert into ticketing_object_deletion (object_key, not_before)
  select object_key, expires_at from ticketing_upload_grant;
delete from ticketing_upload_grant;

alter table ticketing_upload_grant add column staging_key varchar(700) not null;
alter table ticketing_upload_grant add column claim_token varchar(64);
alter table ticketing_upload_grant add column claimed_until timestamp(6) with time zone;
create unique index ux_upload_grant_staging on ticketing_upload_grant (staging_key);
-- The sweeper's walk over expired grants.
create index ix_upload_grant_expiry on ticketing_upload_grant (expires_at, object_key);
