package dev.ticketing.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TicketingPropertiesTest {

  private static TicketingProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("ticketing", TicketingProperties.class);
  }

  @Test
  void equalPropertiesHashAlikeThoughOnlyTheTopLevelIsHashed() {
    Map<String, String> settings =
        Map.of(
            "ticketing.list-limit", "200",
            "ticketing.categories[0]", "billing",
            "ticketing.outbox.batch-size", "7",
            "ticketing.roles.mapping.MEMBER", "CUSTOMER");
    TicketingProperties one = bind(settings);
    TicketingProperties other = bind(settings);

    assertThat(one).isNotSameAs(other).isEqualTo(other);
    assertThat(one.hashCode()).isEqualTo(other.hashCode());
  }

  @Test
  void propertiesThatDifferBelowTheTopLevelAreStillUnequal() {
    TicketingProperties small = bind(Map.of("ticketing.outbox.batch-size", "7"));
    TicketingProperties large = bind(Map.of("ticketing.outbox.batch-size", "70"));

    assertThat(small).isNotEqualTo(large);
    assertThat(small.outbox()).isNotEqualTo(large.outbox());
  }

  @Test
  void topLevelSettingsChangeTheHash() {
    assertThat(bind(Map.of("ticketing.list-limit", "200")).hashCode())
        .isNotEqualTo(bind(Map.of("ticketing.list-limit", "201")).hashCode());
  }
}
