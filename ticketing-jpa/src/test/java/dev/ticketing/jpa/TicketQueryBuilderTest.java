package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the page of a customer's own tickets with a tag narrows its rows, per database. {@link
 * PagePlanIT} asks each database how it reads these statements; this pins their shape.
 */
class TicketQueryBuilderTest {

  private static final TicketQuery CUSTOMER_TAG_PAGE =
      new TicketQuery(
          VisibilityScope.requestedBy("u7", "c7"),
          TicketFilter.builder().tags(List.of("billing")).build(),
          CommentSearch.NONE,
          SortOrder.NEWEST_FIRST,
          new Keyset(Instant.parse("2025-01-01T00:00:00Z"), "t1"),
          21);

  @Test
  void onMariaDbACustomersTagRowsAreNarrowedByTheRequesterAloneAndTheCompanyCheckedOnTheTicket() {
    TicketQueryBuilder b = TicketQueryBuilder.of(CUSTOMER_TAG_PAGE, QueryDialect.MARIADB);
    String hql = b.listHql();

    assertThat(hql)
        .contains("g0.requesterId = :tagRequester")
        .doesNotContain("g0.companyId = ")
        .contains("t.companyId = :scopeCompanyId")
        .doesNotContain("t.requesterId");
    assertThat(b.parameters())
        .containsEntry("tagRequester", "u7")
        .containsEntry("scopeCompanyId", "c7")
        .doesNotContainKey("tagCompany");
  }

  @Test
  void onPostgreSqlACustomersTagRowsAreNarrowedByTheRequesterAndTheCompany() {
    TicketQueryBuilder b = TicketQueryBuilder.of(CUSTOMER_TAG_PAGE, QueryDialect.STANDARD);
    String hql = b.listHql();

    assertThat(hql)
        .contains("g0.requesterId = :tagRequester")
        .contains("g0.companyId = :tagCompany")
        .contains("t.companyId = :scopeCompanyId");
    assertThat(b.parameters())
        .containsEntry("tagRequester", "u7")
        .containsEntry("tagCompany", "c7");
  }

  @Test
  void aCompanysTagRowsAreNarrowedByTheCompanyOnEveryDatabase() {
    TicketQuery companyPage =
        new TicketQuery(
            VisibilityScope.company("c7"),
            TicketFilter.builder().tags(List.of("billing")).build(),
            CommentSearch.NONE,
            SortOrder.NEWEST_FIRST,
            null,
            21);
    for (QueryDialect dialect : List.of(QueryDialect.MARIADB, QueryDialect.STANDARD)) {
      assertThat(TicketQueryBuilder.of(companyPage, dialect).listHql())
          .as("%s", dialect)
          .contains("g0.companyId = :tagCompany");
    }
  }
}
