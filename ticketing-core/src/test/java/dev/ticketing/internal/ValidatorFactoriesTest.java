package dev.ticketing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider of service-input validation is found at run time, and its absence is explained. */
class ValidatorFactoriesTest {

  record Named(@Size(max = 5) String name) {}

  @Test
  void theProviderOnTheClassPathValidatesWithTheParameterInterpolator() {
    try (ValidatorFactory factory = ValidatorFactories.parameterInterpolating()) {
      // The interpolator that needs no Expression Language: core's tests have none on their class
      // path.
      assertThat(factory.getMessageInterpolator().getClass().getName())
          .isEqualTo(ValidatorFactories.PARAMETER_INTERPOLATOR);
      // The provider's own message, its parameters filled in.
      assertThat(factory.getValidator().validate(new Named("too long")))
          .extracting(v -> v.getPropertyPath() + " " + v.getMessage())
          .containsExactly("name size must be between 0 and 5");
    }
  }

  @Test
  void noProviderIsAClearErrorNamingWhatToAdd() {
    assertThatThrownBy(
            () ->
                ValidatorFactories.parameterInterpolating(
                    Validation.byDefaultProvider().providerResolver(List::of)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("found no provider")
        .hasMessageContaining("org.hibernate.validator:hibernate-validator")
        .hasCauseInstanceOf(NoProviderFoundException.class);
  }

  @Test
  void theProviderIsFoundWithoutStartingIt() {
    ValidatorFactories.requireProvider();
    ValidatorFactories.requireProvider(null, ValidatorFactoriesTest.class.getClassLoader());
  }

  @Test
  void noProviderIsFoundInALoaderThatSeesNone() {
    // The platform loader sees the JDK alone: no Bean Validation provider.
    assertThatThrownBy(
            () -> ValidatorFactories.requireProvider(ClassLoader.getPlatformClassLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("found no provider")
        .hasMessageContaining("org.hibernate.validator:hibernate-validator")
        .hasCauseInstanceOf(NoProviderFoundException.class);
  }
}
