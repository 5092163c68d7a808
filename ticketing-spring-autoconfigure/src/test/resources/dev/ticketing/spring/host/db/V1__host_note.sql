-- The host application's own schema, migrated by the host's Flyway (spring.flyway.*).
create table host_note (
  id   varchar(64)  not null primary key,
  body varchar(200) not null
);
