package dev.ticketing.examples.comdeall;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The suite on the embedded default: H2 in memory, exactly as {@code mvn spring-boot:run} starts it. */
@DisplayName("Comdeall support on H2 (embedded default)")
class ComdeallSupportH2IT extends ComdeallSuite {

  @Nested
  @DisplayName("permission matrix")
  class PermissionMatrixTests extends PermissionMatrix {}

  @Nested
  @DisplayName("lifecycles and notifications")
  class LifecyclesTests extends Lifecycles {}

  @Nested
  @DisplayName("isolation")
  class IsolationTests extends Isolation {}

  @Nested
  @DisplayName("bad input")
  class BadInputTests extends BadInput {}

  @Nested
  @DisplayName("tokens, secret, sizes")
  class DoorsTests extends Doors {}
}
