package dev.ticketing.jpa;

import dev.ticketing.spi.TextMatching;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * What the query builder must know of the database behind the store: how its search matches text,
 * and how its planner must be shown the index that serves a page. Each quirk was found by
 * explaining every page query on the database (the store's page-plan test) and is needed there only.
 *
 * @param matching how a search term matches, as the store promises it
 * @param leadInOrder put the column an equality fixes (the first column of the page's index) first
 *     in the {@code order by}: H2 uses an index for the order only when the ordered columns lead
 *     the index, and otherwise enters the index at the keyset position and sorts what it read.
 *     PostgreSQL drops a constant from the order by itself, and MariaDB sorts when it is there.
 * @param statusAsRange write an equality on status, when status leads the page's index, as a
 *     one-value range ({@code status >= ? and status <= ?}) that also leads the order: MariaDB 10.11
 *     costs {@code ref} on a status most tickets share (OPEN) below the range on (status,
 *     created_at), and then reads every ticket with that status up to the keyset position; a range
 *     cannot be {@code ref}, so it enters the index at the position
 * @param narrowTagRowsOnly when a page is read from tag rows narrowed to a requester or company,
 *     leave that equality off the ticket: MariaDB otherwise reads the ticket's index for it first
 *     ({@code ix_ticket_requester}, {@code ix_ticket_company}) and sorts the tickets carrying the
 *     tag. PostgreSQL needs it on the ticket to estimate the join, and without it hashes the ticket
 *     table when it is small.
 * @param tagRowsByRequesterAlone when a page read from tag rows fixes both a requester and a
 *     company (a customer's own tickets within their company), narrow the tag rows by the requester
 *     alone ({@code ix_ticket_tag_requester}) and check the company on the ticket: with both
 *     equalities on the tag rows, MariaDB 10.11 at a million tickets plans {@code ref} on the
 *     requester or on the company alone and walks every tag row of that value up to the keyset
 *     position. The requester's rows are the narrower set (a customer belongs to one company), so
 *     the company condition only confirms what they hold. PostgreSQL enters the index at the
 *     position either way and keeps both on the tag rows.
 * @param splitCopied write a customer's page, count or search (their own tickets or those that copy
 *     them) as the union of an arm for their own tickets, which {@code ix_ticket_requester} serves
 *     in order (the company checked on each in a form no index answers, see {@link
 *     TicketQueryBuilder}), and one for the tickets that copy them, which the partial index of the tickets with
 *     CCs serves: PostgreSQL estimates the {@code or} of the two within the company as if the
 *     customer's tickets were spread over every company, a few dozen rows where the busiest
 *     customer has thousands, and then either walks the company's index (0.3 ms at a million
 *     tickets) or reads every ticket of the company and sorts them (35 to 85 ms), depending on the
 *     sample the last {@code analyze} took
 * @param customPlans plan a customer's pages and every search for the values they are given
 *     ({@link CustomPlans}): PostgreSQL may otherwise settle on one generic plan for a statement the
 *     driver has prepared, estimated for the average customer and the average word, which is
 *     hundreds of times slower for the customer with the most tickets or a word in most of them
 */
record QueryDialect(
    TextMatching matching,
    boolean leadInOrder,
    boolean statusAsRange,
    boolean narrowTagRowsOnly,
    boolean tagRowsByRequesterAlone,
    boolean splitCopied,
    boolean customPlans) {
  /** Any database without a known quirk. */
  static final QueryDialect STANDARD =
      new QueryDialect(TextMatching.SUBSTRING, false, false, false, false, false, false);

  /** PostgreSQL. */
  static final QueryDialect POSTGRESQL =
      new QueryDialect(TextMatching.SUBSTRING, false, false, false, false, true, true);

  /** H2. */
  static final QueryDialect H2 =
      new QueryDialect(TextMatching.SUBSTRING, true, false, false, false, false, false);

  /** MariaDB (and the MySQL family Hibernate groups it with): InnoDB FULLTEXT search. */
  static final QueryDialect MARIADB =
      new QueryDialect(TextMatching.WORD_START, false, true, true, true, false, false);

  static QueryDialect of(Dialect dialect) {
    if (dialect instanceof MySQLDialect) {
      return MARIADB;
    }
    if (dialect instanceof PostgreSQLDialect) {
      return POSTGRESQL;
    }
    return dialect instanceof H2Dialect ? H2 : STANDARD;
  }
}
