package dev.ticketing.examples.desk;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What bounds a GraphQL request: the document's size and cost ({@link GraphQlDocumentLimits}), its
 * running time ({@link GraphQlDeadline}), the user's rate of mutations ({@link GraphQlWriteLimits}),
 * the parser's limits and the error codes ({@link GraphQlRequestGuard}). Spring Boot adds the
 * instrumentations and the interceptor to the GraphQL engine.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlGuards {

  @Bean
  GraphQlDocumentLimits graphQlDocumentLimits(DeskLimits limits) {
    return new GraphQlDocumentLimits(limits);
  }

  @Bean(destroyMethod = "close")
  GraphQlDeadline graphQlDeadline(DeskLimits limits) {
    return new GraphQlDeadline(limits);
  }

  @Bean
  GraphQlWriteLimits graphQlWriteLimits(WriteRateLimiter writes) {
    return new GraphQlWriteLimits(writes);
  }

  @Bean
  GraphQlRequestGuard graphQlRequestGuard(DeskLimits limits) {
    return new GraphQlRequestGuard(limits);
  }
}
