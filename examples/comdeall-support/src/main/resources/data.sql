-- The predefined subjects; one retired, so that choosing it shows as an error.
insert into support_subject (id, label, active, position)
  select '3b0f6a52-9c1e-4d7a-8b25-6e4f1a2c9d01', 'Therapy sessions', true, 1
  where not exists (select 1 from support_subject where id = '3b0f6a52-9c1e-4d7a-8b25-6e4f1a2c9d01');
insert into support_subject (id, label, active, position)
  select '7e2d4c18-5b3a-4f69-9a07-1c8b2e3d4f02', 'Payments and billing', true, 2
  where not exists (select 1 from support_subject where id = '7e2d4c18-5b3a-4f69-9a07-1c8b2e3d4f02');
insert into support_subject (id, label, active, position)
  select 'c5a19e7f-2d48-4b3c-a6e1-0f9d8c7b6a03', 'App and account', true, 3
  where not exists (select 1 from support_subject where id = 'c5a19e7f-2d48-4b3c-a6e1-0f9d8c7b6a03');
insert into support_subject (id, label, active, position)
  select 'e8b37d26-4f1c-4a95-b2d0-7a6c5e4d3b04', 'Progress reports', true, 4
  where not exists (select 1 from support_subject where id = 'e8b37d26-4f1c-4a95-b2d0-7a6c5e4d3b04');
insert into support_subject (id, label, active, position)
  select '1f4e8a3b-6c2d-4e7f-9b1a-5d0c3e2f1a05', 'Legacy subscription plans', false, 5
  where not exists (select 1 from support_subject where id = '1f4e8a3b-6c2d-4e7f-9b1a-5d0c3e2f1a05');
