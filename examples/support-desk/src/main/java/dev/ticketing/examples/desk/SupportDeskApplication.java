package dev.ticketing.examples.desk;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * A support desk that embeds the ticketing library through {@code ticketing-spring-boot-starter},
 * as a customer's application would: the GraphQL ticket module's GraphQL API at {@code /graphql}
 * (GraphiQL at {@code /graphiql}) and the Comdeall support module's REST endpoints under {@code
 * /api/communication}.
 *
 * <p>What the host provides, and the library does not: the users and companies ({@link
 * DeskDirectory}), the login ({@link DeskSecurity}), who the caller is in ticketing terms ({@link
 * DeskIdentities}), the API shapes of both products, and where notifications and files go.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SupportDeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(SupportDeskApplication.class, args);
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
