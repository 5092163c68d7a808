package dev.ticketing.spring.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The library's errors as {@code ProblemDetail}s in a Spring MVC host: a {@link
 * TicketingExceptionHandler}, unless the host declares its own or sets {@code
 * ticketing.web.problem-details.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, ProblemDetail.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "ticketing.web.problem-details.enabled", matchIfMissing = true)
public final class TicketingWebMvcAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TicketingExceptionHandler ticketingExceptionHandler() {
    return new TicketingExceptionHandler();
  }
}
