package dev.ticketing.spring.jpa;

import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.JpaTransactions;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The read replica of the JPA store, when {@code ticketing.store.replica.url} is set: a connection
 * pool of its own (the pool Spring Boot would choose), which is not a {@link DataSource} bean, so
 * that the host's own data source is configured as before.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "ticketing.store.replica", name = "url")
@EnableConfigurationProperties(TicketingReplicaProperties.class)
class TicketingJpaReplicaConfiguration {

  @Bean
  Replica ticketingReplica(TicketingReplicaProperties properties, Environment environment) {
    String url = properties.url();
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("ticketing.store.replica.url is blank");
    }
    String username = properties.username();
    String password = properties.password();
    DataSource dataSource =
        DataSourceBuilder.create()
            .url(url)
            .username(
                username != null ? username : environment.getProperty("spring.datasource.username"))
            .password(
                password != null ? password : environment.getProperty("spring.datasource.password"))
            .build();
    return new Replica(dataSource, properties);
  }

  /** The replica's pool and settings; closes the pool with the context. */
  static final class Replica implements AutoCloseable {
    private final DataSource dataSource;
    private final TicketingReplicaProperties properties;

    Replica(DataSource dataSource, TicketingReplicaProperties properties) {
      this.dataSource = dataSource;
      this.properties = properties;
    }

    DataSource dataSource() {
      return dataSource;
    }

    JpaTicketStore store(JpaTransactions transactions) {
      return JpaTicketStore.builder(transactions)
          .replica(dataSource)
          .readYourWritesWindow(properties.readYourWritesWindow())
          .maxReplicaLag(properties.maxLag())
          .build();
    }

    @Override
    public void close() throws Exception {
      if (dataSource instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  /** The store over the replica when one is configured, else without. */
  static JpaTicketStore store(JpaTransactions transactions, @Nullable Replica replica) {
    return replica == null ? new JpaTicketStore(transactions) : replica.store(transactions);
  }
}
