-- Issue 14: search on InnoDB FULLTEXT indexes, and statistics of one company from an index alone.
--
-- The searched text (title, description, comment content) gets a case-insensitive collation: under
-- utf8mb4_bin a FULLTEXT index keeps words as written and matches them case-sensitively. Ids and
-- every other column keep the binary collation. The store rechecks each candidate with
-- lower(text) collate utf8mb4_bin like '%term%', so the accent- and case-blind comparison of
-- utf8mb4_unicode_ci only ever widens the candidates, never the results.
--
-- The index builds read the whole table: on a large database this migration takes minutes (at a million
-- tickets and three million comments: the collation changes are instant, the FULLTEXT indexes took
-- 102 s and 68 s, the statistics index 7 s; see docs/jpa.md).
alter table ticketing_ticket
  modify title varchar(200) character set utf8mb4 collate utf8mb4_unicode_ci not null,
  modify description text character set utf8mb4 collate utf8mb4_unicode_ci not null;
alter table ticketing_ticket add fulltext index ft_ticket_text (title, description);

alter table ticketing_comment
  modify content text character set utf8mb4 collate utf8mb4_unicode_ci not null;
alter table ticketing_comment add fulltext index ft_comment_content (content);

-- Statistics of one company count its live tickets by status, priority and assignee: with these
-- columns in the index they are read from it without touching the rows.
create index ix_ticket_company_stats on ticketing_ticket (company_id, deleted_at, status, priority, assignee_id);
