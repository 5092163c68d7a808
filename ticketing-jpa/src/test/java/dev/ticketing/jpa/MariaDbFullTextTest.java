package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The boolean-mode query made of a search term: words only, never an operator from the input. */
class MariaDbFullTextTest {

  @Test
  void eachWordTheIndexHoldsIsRequiredAsAPrefix() {
    assertThat(MariaDbFullText.booleanQuery("Unable to UPLOAD invoice"))
        .isEqualTo("+unable* +upload* +invoice*");
    assertThat(MariaDbFullText.booleanQuery("snake_case O'Brien"))
        .isEqualTo("+snake_case* +brien*");
    assertThat(MariaDbFullText.booleanQuery("Café ÉCRAN")).isEqualTo("+café* +écran*");
  }

  @Test
  void operatorsInTheInputNeverReachTheQuery() {
    assertThat(
            MariaDbFullText.booleanQuery(
                "+upload -invoice* \"pdf\" (export) ~sync <slow> @3 upload"))
        .isEqualTo("+upload* +invoice* +pdf* +export* +sync* +slow*");
    assertThat(MariaDbFullText.booleanQuery("+-*\"()~<>@")).isNull();
  }

  @Test
  void shortWordsAndStopWordsAreLeftToTheLike() {
    assertThat(MariaDbFullText.booleanQuery("to be")).isNull();
    assertThat(MariaDbFullText.booleanQuery("wit")).isNull();
    assertThat(MariaDbFullText.booleanQuery("with the printer")).isEqualTo("+printer*");
    assertThat(MariaDbFullText.booleanQuery("x".repeat(85))).isNull();
  }
}
