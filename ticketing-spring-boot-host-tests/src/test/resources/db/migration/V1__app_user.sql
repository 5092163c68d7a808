-- The host's own table, migrated by the host's own Flyway (spring-boot-starter-flyway).
create table app_user (
  id           bigint       primary key,
  email        varchar(200) not null unique,
  password     varchar(200) not null,
  display_name varchar(200) not null,
  role         varchar(40)  not null,
  company_id   varchar(64)
);

-- USER and ADMIN are roles of the customers' side (ADMIN administers a customer's account, not the
-- support desk); SUPPORT and SUPPORT_LEAD are the host's support staff.
insert into app_user (id, email, password, display_name, role, company_id) values
  (1, 'john@acme.com',        '{noop}demo', 'John',  'USER',         'acme'),
  (2, 'jane@globex.com',      '{noop}demo', 'Jane',  'USER',         'globex'),
  (3, 'boss@acme.com',        '{noop}demo', 'Boss',  'ADMIN',        'acme'),
  (4, 'sarah@support.example', '{noop}demo', 'Sarah', 'SUPPORT',      null),
  (5, 'lead@support.example',  '{noop}demo', 'Lead',  'SUPPORT_LEAD', null);
