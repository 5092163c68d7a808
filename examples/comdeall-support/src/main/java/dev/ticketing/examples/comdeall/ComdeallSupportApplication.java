package dev.ticketing.examples.comdeall;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The Comdeall support module served by the ticketing library: parents and therapists raise
 * support tickets about predefined subjects through a Hasura action, admins add notes (a Hasura
 * event), resolve and delete; everyone signs in for a JWT carrying Hasura claims. Nothing to
 * install: H2 in memory, notifications in an in-app feed and in the log (and by e-mail once
 * {@code spring.mail.host} is set).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ComdeallSupportApplication {

  public static void main(String[] args) {
    SpringApplication.run(ComdeallSupportApplication.class, args);
  }

  /**
   * The application's own clock, for its tokens and timestamps. The ticketing engine keeps its own
   * ({@code TicketingClock}) and declares no {@code Clock} bean.
   */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
