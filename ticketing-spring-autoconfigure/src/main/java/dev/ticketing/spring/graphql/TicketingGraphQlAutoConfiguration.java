package dev.ticketing.spring.graphql;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;

/**
 * The library's errors as coded GraphQL errors in a Spring for GraphQL host: a {@link
 * TicketingDataFetcherExceptionResolver}, which Spring Boot's GraphQL auto-configuration adds to
 * the host's resolvers; unless the host declares its own or sets {@code
 * ticketing.graphql.errors.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration")
@ConditionalOnClass({DataFetcherExceptionResolverAdapter.class, graphql.GraphQLError.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "ticketing.graphql.errors.enabled", matchIfMissing = true)
public final class TicketingGraphQlAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TicketingDataFetcherExceptionResolver ticketingDataFetcherExceptionResolver() {
    return new TicketingDataFetcherExceptionResolver();
  }
}
