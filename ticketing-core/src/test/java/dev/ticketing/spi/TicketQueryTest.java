package dev.ticketing.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import org.junit.jupiter.api.Test;

/** The search term every store receives is normalised once, here. */
class TicketQueryTest {

  private static TicketQuery query(TicketFilter filter) {
    return new TicketQuery(
        VisibilityScope.EVERYTHING, filter, CommentSearch.NONE, SortOrder.NEWEST_FIRST, null, 10);
  }

  @Test
  void surroundingWhiteSpaceIsStrippedAndTheRestOfTheFilterKept() {
    TicketFilter filter =
        TicketFilter.builder().status(Status.OPEN).searchTerm(" \tUpload  files\n").build();

    TicketFilter seen = query(filter).filter();

    assertThat(seen.searchTerm()).isEqualTo("Upload  files");
    assertThat(seen.toBuilder().searchTerm(filter.searchTerm()).build()).isEqualTo(filter);
  }

  @Test
  void blankTermIsNoTerm() {
    assertThat(query(TicketFilter.builder().searchTerm("   ").build()).filter())
        .isEqualTo(TicketFilter.none());
  }

  @Test
  void normalisedFilterIsPassedOnAsItIs() {
    TicketFilter filter = TicketFilter.builder().searchTerm("upload").build();

    assertThat(query(filter).filter()).isSameAs(filter);
    assertThat(query(TicketFilter.none()).filter()).isSameAs(TicketFilter.none());
  }
}
