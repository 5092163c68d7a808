package dev.ticketing.spring.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.hostjson.HostSetting;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.type.format.FormatMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * The host's JSON format mapper is made on first use: the persistence unit starts without building
 * a Jackson mapper, and a host's JSON column is still written and read back by the mapper
 * Hibernate would have chosen. A mapper the host names is left alone.
 */
class DeferredJsonFormatMapperTest {

  @Configuration(proxyBeanMethods = false)
  @EntityScan(basePackageClasses = HostSetting.class)
  static class JsonHost {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          // Jackson 2 hidden: on a class path with it, Hibernate prefers it and so do we.
          .withClassLoader(new FilteredClassLoader("com.fasterxml.jackson.databind"))
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  HibernateJpaAutoConfiguration.class,
                  TransactionAutoConfiguration.class))
          .withConfiguration(SpringFixtures.TICKETING)
          .withUserConfiguration(JsonHost.class)
          .withBean(dev.ticketing.spi.Directory.class, SpringFixtures::directory)
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:json-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
              "spring.jpa.hibernate.ddl-auto=create-drop",
              "ticketing.attachments.store=memory");

  @Test
  void theMapperIsMadeOnFirstUseAndWritesAndReadsJson() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
          FormatMapper mapper = jsonMapper(factory);
          assertThat(mapper).isInstanceOf(DeferredJsonFormatMapper.class);
          assertThat(((DeferredJsonFormatMapper) mapper).made()).isFalse();

          EntityManager writer = factory.createEntityManager();
          writer.getTransaction().begin();
          writer.persist(new HostSetting("s1", Map.of("colours", List.of("red", "blue"))));
          writer.getTransaction().commit();
          writer.close();

          EntityManager reader = factory.createEntityManager();
          HostSetting read = reader.find(HostSetting.class, "s1");
          assertThat(read.payload).isEqualTo(Map.of("colours", List.of("red", "blue")));
          reader.close();
          assertThat(((DeferredJsonFormatMapper) mapper).made()).isTrue();
        });
  }

  @Test
  void aMapperTheHostNamesIsKept() {
    runner
        .withPropertyValues(
            "spring.jpa.properties.hibernate.type.json_format_mapper="
                + "org.hibernate.type.format.jackson.Jackson3JsonFormatMapper")
        .run(
            context ->
                assertThat(jsonMapper(context.getBean(EntityManagerFactory.class)))
                    .isNotInstanceOf(DeferredJsonFormatMapper.class));
  }

  private static FormatMapper jsonMapper(EntityManagerFactory factory) {
    return factory
        .unwrap(SessionFactoryImplementor.class)
        .getSessionFactoryOptions()
        .getJsonFormatMapper();
  }
}
