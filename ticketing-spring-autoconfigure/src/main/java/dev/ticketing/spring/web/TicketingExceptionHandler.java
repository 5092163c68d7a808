package dev.ticketing.spring.web;

import dev.ticketing.TicketingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every {@link TicketingException} a Spring MVC controller lets through with its {@link
 * TicketingProblemDetails problem detail} ({@code application/problem+json}) instead of a 500.
 * Ordered last, so a host's own {@code @ExceptionHandler} for the library's exceptions wins;
 * switched off with {@code ticketing.web.problem-details.enabled=false}.
 *
 * @since 0.1.0
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class TicketingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(TicketingExceptionHandler.class);

  /** The library's error as a problem detail with its status. */
  @ExceptionHandler(TicketingException.class)
  public ResponseEntity<ProblemDetail> ticketing(TicketingException e) {
    ProblemDetail problem = TicketingProblemDetails.of(e);
    if (problem.getStatus() >= 500) {
      // The store or directory failed: the operator needs the cause, the client only the code.
      log.warn("ticketing answered {}: {}", problem.getStatus(), e.getMessage(), e);
    }
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }
}
