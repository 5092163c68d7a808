package dev.ticketing.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.ConflictException;
import dev.ticketing.ErrorCode;
import dev.ticketing.NotFoundException;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The library's errors as problem details: a status per code, the stable code, retryable and the
 * violations; the handler in servlet hosts only, and switched off by its property.
 */
class TicketingProblemDetailsTest {

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TicketingAutoConfiguration.class, TicketingWebMvcAutoConfiguration.class))
          .withPropertyValues("ticketing.outbox.enabled=false");

  @Test
  void everyCodeHasItsStatus() {
    Map<ErrorCode, HttpStatus> expected = new EnumMap<>(ErrorCode.class);
    expected.put(ErrorCode.VALIDATION, HttpStatus.BAD_REQUEST);
    expected.put(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND);
    expected.put(ErrorCode.ACCESS_DENIED, HttpStatus.FORBIDDEN);
    expected.put(ErrorCode.INVALID_TRANSITION, HttpStatus.CONFLICT);
    expected.put(ErrorCode.INVALID_STATE, HttpStatus.CONFLICT);
    expected.put(ErrorCode.CONFLICT, HttpStatus.CONFLICT);
    expected.put(ErrorCode.ATTACHMENT_REJECTED, HttpStatus.UNPROCESSABLE_CONTENT);
    expected.put(ErrorCode.IDEMPOTENCY_KEY_REUSED, HttpStatus.UNPROCESSABLE_CONTENT);
    expected.put(ErrorCode.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(expected).hasSize(ErrorCode.values().length);
    expected.forEach(
        (code, status) -> assertThat(TicketingProblemDetails.status(code)).isEqualTo(status));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aValidationErrorCarriesItsCodeAndEveryField() {
    ResponseEntity<ProblemDetail> answer =
        new TicketingExceptionHandler()
            .ticketing(
                new ValidationException(
                    List.of(
                        new Violation("title", "must not be blank"),
                        new Violation("description", "is too long"))));
    ProblemDetail problem = answer.getBody();
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(problem).isNotNull();
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getTitle()).isEqualTo("VALIDATION");
    assertThat(problem.getType()).hasToString("urn:ticketing:error:validation");
    assertThat(problem.getProperties())
        .containsEntry("code", "VALIDATION")
        .containsEntry("retryable", false);
    assertThat((List<Object>) problem.getProperties().get("violations"))
        .containsExactlyInAnyOrder(
            Map.of("field", "description", "message", "is too long"),
            Map.of("field", "title", "message", "must not be blank"));
  }

  @Test
  void aConflictIsRetryable() {
    ProblemDetail problem = TicketingProblemDetails.of(new ConflictException("t-1"));
    assertThat(problem.getStatus()).isEqualTo(409);
    assertThat(problem.getProperties())
        .containsEntry("code", "CONFLICT")
        .containsEntry("retryable", true)
        .doesNotContainKey("violations");
    assertThat(TicketingProblemDetails.of(new NotFoundException("ticket", "t-2")).getStatus())
        .isEqualTo(404);
  }

  @Test
  void theHandlerServesServletHostsUnlessSwitchedOff() {
    web.run(context -> assertThat(context).hasSingleBean(TicketingExceptionHandler.class));
    web.withPropertyValues("ticketing.web.problem-details.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TicketingExceptionHandler.class));
    web.withBean("hostHandler", TicketingExceptionHandler.class, TicketingExceptionHandler::new)
        .run(context -> assertThat(context).hasSingleBean(TicketingExceptionHandler.class));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TicketingWebMvcAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(TicketingExceptionHandler.class));
  }
}
