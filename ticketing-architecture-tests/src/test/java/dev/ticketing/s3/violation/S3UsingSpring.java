package dev.ticketing.s3.violation;

import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import org.springframework.context.ApplicationContext;

/** Deliberately breaks the rules: a store depending on the Spring module, against the arrows. */
public final class S3UsingSpring {
  public Object configuration(ApplicationContext context) {
    return context.getBean(TicketingAutoConfiguration.class);
  }
}
