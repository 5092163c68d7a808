package dev.ticketing.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.Category;
import dev.ticketing.ErrorCode;
import dev.ticketing.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Actors and categories are built from what a request or an authentication says: a bad one is the
 * library's coded validation error naming the field, never an exception outside its hierarchy.
 */
class ActorInputTest {

  @Test
  void malformedActorsAreValidationErrorsNamingTheField() {
    assertField(() -> new Actor(null, Role.ADMIN, null), "actor.id");
    assertField(() -> new Actor("has space", Role.ADMIN, null), "actor.id");
    assertField(() -> new Actor("ada", null, null), "actor.role");
    assertField(() -> Actor.customer("john", "acme corp"), "actor.companyId");
    assertField(() -> new Actor("john", Role.CUSTOMER, null), "actor.companyId");
    assertField(() -> new Actor("sarah", Role.AGENT, "acme"), "actor.companyId");
    assertThat(Actor.customer("john@acme.com", "acme").companyId()).isEqualTo("acme");
  }

  @Test
  void malformedCategoriesAreValidationErrorsNamingTheField() {
    assertField(() -> Category.of("not a category"), "category");
    assertField(() -> Category.of(null), "category");
    assertThat(Category.of("TECHNICAL")).isEqualTo(Category.TECHNICAL);
  }

  private static void assertField(Runnable build, String field) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
              assertThat(e.fields()).containsExactly(field);
            });
  }
}
