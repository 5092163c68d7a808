package dev.ticketing.spring.autoconfigure;

import static dev.ticketing.spring.SpringFixtures.ADMIN;
import static dev.ticketing.spring.SpringFixtures.COLLEAGUE;
import static dev.ticketing.spring.SpringFixtures.CUSTOMER;
import static dev.ticketing.spring.SpringFixtures.TICKETING;
import static dev.ticketing.spring.SpringFixtures.directory;
import static dev.ticketing.spring.SpringFixtures.dispatcher;
import static dev.ticketing.spring.SpringFixtures.newTicket;
import static dev.ticketing.spring.SpringFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.NotFoundException;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.ValidationException;
import dev.ticketing.attachment.AttachmentSweeper;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.notification.DeliveryIds;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.jpa.TicketingHibernateValidationAutoConfiguration;
import dev.ticketing.spring.jpa.TicketingJpaAutoConfiguration;
import dev.ticketing.spring.jpa.TicketingJpaSchemaAutoConfiguration;
import dev.ticketing.spring.observability.TicketingHealthAutoConfiguration;
import dev.ticketing.spring.observability.TicketingHealthIndicator;
import dev.ticketing.spring.observability.TicketingMetricsAutoConfiguration;
import dev.ticketing.spring.observability.TicketingOutboxEndpointAutoConfiguration;
import dev.ticketing.spring.security.ActorResolver;
import dev.ticketing.spring.security.CompanyResolver;
import dev.ticketing.spring.security.RoleMapping;
import dev.ticketing.spring.security.TicketingSecurityAutoConfiguration;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * Every condition and property of the auto-configuration, without a database: the in-memory
 * engine, the back-off of each bean, the customizers, the properties as the engine sees them, the
 * outbox lifecycle, notifications and events, metrics and health.
 */
class TicketingAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(TICKETING);

  // ------------------------------------------------------------------ defaults and switches

  @Test
  void registersItsAutoConfigurations() throws Exception {
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
      assertThat(in).isNotNull();
      List<String> listed =
          Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
              .map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
      assertThat(listed)
          .doesNotHaveDuplicates()
          .containsAll(
              List.of(
                  TicketingJpaSchemaAutoConfiguration.class.getName(),
                  TicketingJpaAutoConfiguration.class.getName(),
                  TicketingAutoConfiguration.class.getName(),
                  TicketingSecurityAutoConfiguration.class.getName(),
                  TicketingMetricsAutoConfiguration.class.getName(),
                  TicketingHealthAutoConfiguration.class.getName(),
                  TicketingHibernateValidationAutoConfiguration.class.getName(),
                  TicketingOutboxEndpointAutoConfiguration.class.getName()));
      for (String name : listed) {
        Class<?> type = Class.forName(name);
        assertThat(type)
            .as(name)
            .hasAnnotation(org.springframework.boot.autoconfigure.AutoConfiguration.class);
        assertThat(java.lang.reflect.Modifier.isFinal(type.getModifiers()))
            .as(name + " is final")
            .isTrue();
      }
    }
  }

  @Test
  void defaultsAreTheInMemoryEngine() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context)
              .hasSingleBean(TicketService.class)
              .hasSingleBean(Ticketing.class)
              .hasSingleBean(OutboxDispatcher.class)
              .hasSingleBean(OutboxDispatcherLifecycle.class)
              .hasSingleBean(TicketingClock.class)
              .doesNotHaveBean(Clock.class)
              .hasSingleBean(IdGenerator.class)
              .hasSingleBean(TicketingProperties.class);
          assertThat(context.getBean(TicketStore.class)).isInstanceOf(InMemoryTicketStore.class);
          assertThat(context.getBean(BlobStore.class)).isInstanceOf(InMemoryBlobStore.class);
          Directory directory = context.getBean(Directory.class);
          assertThat(directory.adminIds()).isEmpty();
          assertThat(directory.users(List.of("admin-1"))).isEmpty();
          assertThat(context.getBean(TicketingOptions.class))
              .isEqualTo(TicketingOptions.defaults());
          assertThat(context.getBean(PermissionPolicy.class))
              .isInstanceOfSatisfying(
                  MatrixPolicy.class,
                  p -> {
                    for (Role role : Role.values()) {
                      for (Operation op : Operation.values()) {
                        assertThat(p.grant(role, op))
                            .as("%s %s", role, op)
                            .isEqualTo(MatrixPolicy.standard().grant(role, op));
                      }
                    }
                  });
          // The engine is wired from these beans, not from defaults of its own.
          Ticketing ticketing = context.getBean(Ticketing.class);
          assertThat(ticketing.store()).isSameAs(context.getBean(TicketStore.class));
          assertThat(ticketing.blobStore()).isSameAs(context.getBean(BlobStore.class));
          assertThat(ticketing.dispatcher()).isSameAs(context.getBean(OutboxDispatcher.class));
          // No JPA: the JPA store's beans are absent.
          assertThat(context).doesNotHaveBean(dev.ticketing.jpa.JpaTransactions.class);
          // Spring Security and health are on this class path.
          assertThat(context)
              .hasSingleBean(ActorResolver.class)
              .hasSingleBean(TicketingHealthIndicator.class);
        });
  }

  @Test
  void defaultServiceWorks() {
    runner
        .withBean(Directory.class, SpringFixtures::directory)
        .run(
            context -> {
              TicketService tickets = service(context);
              TicketView created = tickets.createTicket(ADMIN, newTicket());
              assertThat(created.status()).isEqualTo(Status.OPEN);
              assertThat(created.company().id()).isEqualTo("acme");
              assertThat(tickets.ticket(ADMIN, created.id()).ticket().title())
                  .isEqualTo("Printer on fire");
              assertThat(tickets.categories()).isEqualTo(Category.BUILT_IN);
            });
  }

  @Test
  void disabledGivesNoBeans() {
    runner
        .withPropertyValues("ticketing.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              for (Class<?> type :
                  List.of(
                      TicketService.class,
                      Ticketing.class,
                      TicketStore.class,
                      BlobStore.class,
                      Directory.class,
                      PermissionPolicy.class,
                      TicketingOptions.class,
                      TicketingClock.class,
                      IdGenerator.class,
                      OutboxDispatcher.class,
                      OutboxDispatcherLifecycle.class,
                      TicketingProperties.class,
                      ActorResolver.class,
                      RoleMapping.class,
                      CompanyResolver.class,
                      TicketingHealthIndicator.class,
                      EntityManagerFactoryBuilderCustomizer.class)) {
                assertThat(context).as(type.getSimpleName()).doesNotHaveBean(type);
              }
              // Only the class path fix for Hibernate remains (see
              // TicketingHibernateValidationAutoConfiguration).
              assertThat(context.getBeanDefinitionNames())
                  .filteredOn(
                      name ->
                          context.getType(name) != null
                              && context.getType(name).getName().startsWith("dev.ticketing"))
                  .containsExactlyInAnyOrder(
                      TicketingHibernateValidationAutoConfiguration.class.getName(),
                      "ticketingHibernateValidation");
            });
  }

  @Test
  void jpaStoreWithoutJpaFailsTheContextWithAClearMessage() {
    runner
        .withPropertyValues("ticketing.store.type=JPA")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageContaining("ticketing.store.type=JPA")
                  .hasMessageContaining("ticketing-jpa");
            });
  }

  @Test
  void memoryStoreByProperty() {
    runner
        .withPropertyValues("ticketing.store.type=memory")
        .run(
            context -> {
              assertThat(context.getBean(TicketStore.class))
                  .isInstanceOf(InMemoryTicketStore.class);
              assertThat(context).doesNotHaveBean(EntityManagerFactoryBuilderCustomizer.class);
            });
  }

  @Test
  void withoutTicketingJpaOnTheClassPathTheJpaConfigurationsStayOut() {
    runner
        .withClassLoader(new FilteredClassLoader(dev.ticketing.jpa.JpaTicketStore.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(EntityManagerFactoryBuilderCustomizer.class);
              assertThat(context.getBean(TicketStore.class))
                  .isInstanceOf(InMemoryTicketStore.class);
            });
  }

  // ------------------------------------------------------------------ back-off to host beans

  @Nested
  class BacksOff {

    @Test
    void ticketStore() {
      InMemoryTicketStore host = new InMemoryTicketStore();
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(TicketStore.class, () -> host)
          .run(
              context -> {
                assertThat(context).hasSingleBean(TicketStore.class);
                assertThat(context.getBean(Ticketing.class).store()).isSameAs(host);
                TicketView t = service(context).createTicket(ADMIN, newTicket());
                assertThat(host.findTicket(t.id())).isPresent();
              });
    }

    @Test
    void ticketStoreEvenWhenJpaIsRequested() {
      // A host store wins over the store type: the type only chooses among the SDK's own stores.
      runner
          .withBean(TicketStore.class, InMemoryTicketStore::new)
          .withPropertyValues("ticketing.store.type=JPA")
          .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TicketStore.class));
    }

    @Test
    void directory() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .run(
              context -> {
                assertThat(context).hasSingleBean(Directory.class);
                TicketService tickets = service(context);
                TicketView t = tickets.createTicket(CUSTOMER, newTicket());
                TicketView assigned =
                    tickets.assignTicket(ADMIN, new AssignTicket(t.id(), "agent-1"));
                assertThat(assigned.assignedTo()).isNotNull();
                assertThat(assigned.assignedTo().firstName()).isEqualTo("Al");
                assertThat(assigned.company().name()).isEqualTo("Acme");
              });
    }

    @Test
    void emptyDefaultDirectoryKnowsNoCompany() {
      runner.run(
          context -> {
            TicketService tickets = service(context);
            // Without a Directory bean no company is known: tickets cannot be created for any.
            assertThatThrownBy(() -> tickets.createTicket(CUSTOMER, newTicket()))
                .isInstanceOfSatisfying(
                    ValidationException.class,
                    e -> assertThat(e.fields()).containsExactly("companyId"));
            assertThat(context.getBean(TicketStore.class))
                .isInstanceOfSatisfying(
                    InMemoryTicketStore.class, store -> assertThat(store.ticketCount()).isZero());
          });
    }

    @Test
    void blobStore() {
      InMemoryBlobStore host = new InMemoryBlobStore();
      runner
          .withBean(BlobStore.class, () -> host)
          .run(
              context -> {
                assertThat(context).hasSingleBean(BlobStore.class);
                assertThat(context.getBean(Ticketing.class).blobStore()).isSameAs(host);
              });
    }

    @Test
    void permissionPolicyAndNoCustomizerTouchesIt() {
      MatrixPolicy denyAll = MatrixPolicy.builder().build();
      runner
          .withBean(PermissionPolicy.class, () -> denyAll)
          .withBean(
              TicketingCustomizer.class,
              () ->
                  new TicketingCustomizer() {
                    @Override
                    public void customizePolicy(MatrixPolicy.Builder policy) {
                      throw new AssertionError("a host policy is used as it is");
                    }
                  })
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PermissionPolicy.class)).isSameAs(denyAll);
                assertThatThrownBy(() -> service(context).createTicket(ADMIN, newTicket()))
                    .isInstanceOf(AccessDeniedException.class);
              });
    }

    @Test
    void optionsWinOverProperties() {
      TicketingOptions host =
          TicketingOptions.builder().categories(List.of(Category.of("THERAPY"))).build();
      runner
          .withBean(TicketingOptions.class, () -> host)
          .withPropertyValues("ticketing.categories=BILLING")
          .run(
              context -> {
                assertThat(context.getBean(TicketingOptions.class)).isSameAs(host);
                assertThat(service(context).categories()).containsExactly(Category.of("THERAPY"));
              });
    }

    @Test
    void clock() {
      Instant fixed = Instant.parse("2030-01-02T03:04:05Z");
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(
              "hostClock",
              TicketingClock.class,
              () -> new TicketingClock(Clock.fixed(fixed, ZoneOffset.UTC)))
          .run(
              context -> {
                assertThat(context).hasSingleBean(TicketingClock.class).hasBean("hostClock");
                assertThat(service(context).createTicket(ADMIN, newTicket()).createdAt())
                    .isEqualTo(fixed);
              });
    }

    @Test
    void aClockOfTheHostIsNeitherReplacedNorTaken() {
      Instant fixed = Instant.parse("2030-01-02T03:04:05Z");
      Clock hostClock = Clock.fixed(fixed, ZoneOffset.UTC);
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean("hostClock", Clock.class, () -> hostClock)
          .run(
              context -> {
                assertThat(context)
                    .hasSingleBean(Clock.class)
                    .hasBean("hostClock")
                    .hasSingleBean(TicketingClock.class);
                assertThat(context.getBean(TicketingClock.class).clock()).isNotSameAs(hostClock);
                assertThat(service(context).createTicket(ADMIN, newTicket()).createdAt())
                    .isNotEqualTo(fixed);
              });
    }

    @Test
    void withoutAClockOfTheHostNoClockBean() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .run(
              context ->
                  assertThat(context)
                      .doesNotHaveBean(Clock.class)
                      .hasSingleBean(TicketingClock.class));
    }

    @Test
    void idGenerator() {
      AtomicInteger n = new AtomicInteger();
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(IdGenerator.class, () -> () -> "host-" + n.incrementAndGet())
          .run(
              context -> {
                assertThat(context).hasSingleBean(IdGenerator.class);
                assertThat(service(context).createTicket(ADMIN, newTicket()).id())
                    .startsWith("host-");
              });
    }

    @Test
    void ticketService() {
      TicketService host = Ticketing.builder().backgroundDispatch(false).build().service();
      runner
          .withBean("hostTicketService", TicketService.class, () -> host)
          .run(
              context -> {
                assertThat(context).hasSingleBean(TicketService.class);
                assertThat(context.getBean(TicketService.class)).isSameAs(host);
              });
    }

    @Test
    void outboxDispatcherLifecycleIsAlwaysOurs() {
      runner.run(context -> assertThat(context).hasSingleBean(OutboxDispatcherLifecycle.class));
    }
  }

  // ------------------------------------------------------------------ customizers

  @Nested
  class Customizers {

    @Test
    void changeThePolicy() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(
              TicketingCustomizer.class,
              () ->
                  new TicketingCustomizer() {
                    @Override
                    public void customizePolicy(MatrixPolicy.Builder policy) {
                      policy.revoke(Role.ADMIN, Operation.CREATE_TICKET);
                    }
                  })
          .run(
              context -> {
                TicketService tickets = service(context);
                assertThatThrownBy(() -> tickets.createTicket(ADMIN, newTicket()))
                    .isInstanceOf(AccessDeniedException.class);
                assertThat(tickets.createTicket(CUSTOMER, newTicket()).status())
                    .isEqualTo(Status.OPEN);
              });
    }

    @Test
    void runAfterThePolicyProperties() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withPropertyValues("ticketing.policy.customer-visibility=COMPANY")
          .withBean(
              TicketingCustomizer.class,
              () ->
                  new TicketingCustomizer() {
                    @Override
                    public void customizePolicy(MatrixPolicy.Builder policy) {
                      policy.revoke(Role.CUSTOMER, Operation.COMMENT);
                    }
                  })
          .run(
              context -> {
                TicketService tickets = service(context);
                TicketView t = tickets.createTicket(CUSTOMER, newTicket());
                assertThat(tickets.ticket(COLLEAGUE, t.id()).ticket().id()).isEqualTo(t.id());
                assertThatThrownBy(
                        () -> tickets.addComment(CUSTOMER, new AddComment(t.id(), "more", false)))
                    .isInstanceOf(AccessDeniedException.class);
              });
    }

    @Test
    void changeOptionsAfterTheProperties() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withPropertyValues("ticketing.categories=BILLING")
          .withBean(
              TicketingCustomizer.class,
              () ->
                  new TicketingCustomizer() {
                    @Override
                    public void customizeOptions(TicketingOptions.Builder options) {
                      options.addCategories(Category.of("THERAPY"));
                    }
                  })
          .run(
              context -> {
                assertThat(service(context).categories())
                    .containsExactlyInAnyOrder(Category.BILLING, Category.of("THERAPY"));
                TicketView t =
                    service(context)
                        .createTicket(
                            CUSTOMER,
                            new CreateTicket(
                                "Session moved",
                                "Please move my session",
                                null,
                                Category.of("THERAPY"),
                                "acme"));
                assertThat(t.category()).isEqualTo(Category.of("THERAPY"));
              });
    }

    @Test
    void runInOrder() {
      runner
          .withUserConfiguration(OrderedCustomizers.class)
          .run(
              context ->
                  assertThat(context.getBean(TicketingOptions.class).listLimit()).isEqualTo(7));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OrderedCustomizers {
    // Declared first, ordered last: the order, not the declaration, decides.
    @Bean
    @Order(2)
    TicketingCustomizer second() {
      return new TicketingCustomizer() {
        @Override
        public void customizeOptions(TicketingOptions.Builder options) {
          options.listLimit(7);
        }
      };
    }

    @Bean
    @Order(1)
    TicketingCustomizer first() {
      return new TicketingCustomizer() {
        @Override
        public void customizeOptions(TicketingOptions.Builder options) {
          options.listLimit(5);
        }
      };
    }
  }

  // ------------------------------------------------------------------ properties reach the engine

  @Nested
  class Properties {

    @Test
    void customerVisibilityOwnByDefault() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .run(
              context -> {
                TicketService tickets = service(context);
                TicketView t = tickets.createTicket(CUSTOMER, newTicket());
                assertThatThrownBy(() -> tickets.ticket(COLLEAGUE, t.id()))
                    .isInstanceOf(NotFoundException.class);
              });
    }

    @Test
    void customerVisibilityCompany() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withPropertyValues("ticketing.policy.customer-visibility=COMPANY")
          .run(
              context -> {
                TicketService tickets = service(context);
                TicketView t = tickets.createTicket(CUSTOMER, newTicket());
                assertThat(tickets.ticket(COLLEAGUE, t.id()).ticket().id()).isEqualTo(t.id());
                assertThat(tickets.ticketsByCompany(COLLEAGUE, "acme"))
                    .extracting(TicketView::id)
                    .containsExactly(t.id());
              });
    }

    @Test
    void customerReplyReopensByDefault() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .run(context -> assertThat(replyOnResolved(service(context))).isEqualTo(Status.REOPENED));
    }

    @Test
    void customerReplyReopensSwitchedOff() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withPropertyValues("ticketing.workflow.customer-reply-reopens=false")
          .run(context -> assertThat(replyOnResolved(service(context))).isEqualTo(Status.RESOLVED));
    }

    private Status replyOnResolved(TicketService tickets) {
      TicketView t = tickets.createTicket(CUSTOMER, newTicket());
      tickets.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.RESOLVED));
      tickets.addComment(CUSTOMER, new AddComment(t.id(), "Still on fire", false));
      return tickets.ticket(ADMIN, t.id()).ticket().status();
    }

    @Test
    void customerReplyResumesWorkByDefault() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .run(
              context ->
                  assertThat(replyWhileWaiting(service(context))).isEqualTo(Status.IN_PROGRESS));
    }

    @Test
    void customerReplyResumesWorkSwitchedOff() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withPropertyValues("ticketing.workflow.customer-reply-resumes-work=false")
          .run(
              context ->
                  assertThat(replyWhileWaiting(service(context)))
                      .isEqualTo(Status.WAITING_FOR_CUSTOMER));
    }

    private Status replyWhileWaiting(TicketService tickets) {
      TicketView t = tickets.createTicket(CUSTOMER, newTicket());
      tickets.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.IN_PROGRESS));
      tickets.changeStatus(ADMIN, new ChangeStatus(t.id(), Status.WAITING_FOR_CUSTOMER));
      tickets.addComment(CUSTOMER, new AddComment(t.id(), "Here is the log", false));
      return tickets.ticket(ADMIN, t.id()).ticket().status();
    }

    @Test
    void resolutionNoticeOnlyFromStaff() {
      runner
          .withPropertyValues("ticketing.notifications.resolution-notice-only-from-staff=true")
          .run(
              context ->
                  assertThat(
                          context.getBean(TicketingOptions.class).resolutionNoticeOnlyFromStaff())
                      .isTrue());
      runner.run(
          context ->
              assertThat(context.getBean(TicketingOptions.class).resolutionNoticeOnlyFromStaff())
                  .isFalse());
    }

    @Test
    void categories() {
      runner
          .withPropertyValues("ticketing.categories=BILLING,THERAPY")
          .run(
              context -> {
                TicketService tickets = service(context);
                assertThat(tickets.categories())
                    .containsExactlyInAnyOrder(Category.BILLING, Category.of("THERAPY"));
                assertThatThrownBy(
                        () ->
                            tickets.createTicket(
                                CUSTOMER,
                                new CreateTicket("t", "d", null, Category.TECHNICAL, "acme")))
                    .isInstanceOf(ValidationException.class);
              });
    }

    @Test
    void invalidCategoryFailsTheContext() {
      runner
          .withPropertyValues("ticketing.categories=not a name")
          .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void listLimit() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withPropertyValues("ticketing.list-limit=2")
          .run(
              context -> {
                TicketService tickets = service(context);
                for (int i = 0; i < 3; i++) {
                  tickets.createTicket(CUSTOMER, newTicket());
                }
                assertThat(tickets.myTickets(CUSTOMER)).hasSize(2);
              });
    }

    @Test
    void attachments() {
      runner
          .withBean(Directory.class, SpringFixtures::directory)
          .withPropertyValues(
              "ticketing.attachments.max-file-size=1KB",
              "ticketing.attachments.allowed-content-types=text/plain,application/PDF",
              "ticketing.attachments.upload-url-expiry=5m",
              "ticketing.attachments.key-prefix=files/")
          .run(
              context -> {
                TicketService tickets = service(context);
                TicketView t = tickets.createTicket(CUSTOMER, newTicket());
                UploadUrl url =
                    tickets.requestUpload(
                        CUSTOMER, new RequestUpload(t.id(), "log.txt", "text/plain", 1024));
                assertThat(url.maxFileSize()).isEqualTo(1024);
                assertThat(url.expiresIn()).isEqualTo(300);
                assertThat(url.key()).startsWith("files/");
                assertThat(
                        tickets.requestUpload(
                            CUSTOMER, new RequestUpload(t.id(), "a.pdf", "application/pdf", 10)))
                    .isNotNull();
                assertThatThrownBy(
                        () ->
                            tickets.requestUpload(
                                CUSTOMER, new RequestUpload(t.id(), "log.txt", "text/plain", 1025)))
                    .isInstanceOf(ValidationException.class);
                assertThatThrownBy(
                        () ->
                            tickets.requestUpload(
                                CUSTOMER, new RequestUpload(t.id(), "a.png", "image/png", 10)))
                    .isInstanceOf(ValidationException.class);
                assertThat(context.getBean(TicketingOptions.class).downloadUrlExpiry())
                    .isEqualTo(Duration.ofMinutes(15));
              });
    }

    @Test
    void bindsEveryDefault() {
      runner.run(
          context -> {
            TicketingProperties p = context.getBean(TicketingProperties.class);
            assertThat(p.enabled()).isTrue();
            assertThat(p.store().type()).isEqualTo(TicketingProperties.StoreType.AUTO);
            assertThat(p.store().schema()).isEqualTo(TicketingProperties.SchemaMode.TICKETING);
            assertThat(p.roles().mapping()).isEmpty();
            assertThat(p.policy().customerVisibility()).isEqualTo(dev.ticketing.policy.Reach.OWN);
            assertThat(p.categories()).isEmpty();
            assertThat(p.listLimit()).isEqualTo(500);
            TicketingProperties.Outbox outbox = p.outbox();
            assertThat(outbox.enabled()).isTrue();
            assertThat(outbox.owner()).isNull();
            assertThat(outbox.pollInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(outbox.batchSize()).isEqualTo(50);
            assertThat(outbox.lease()).isEqualTo(Duration.ofMinutes(5));
            assertThat(outbox.maxRetries()).isEqualTo(10);
            assertThat(outbox.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
            assertThat(outbox.channels()).isEmpty();
            assertThat(p.idempotency().retention()).isEqualTo(Duration.ofHours(24));
            assertThat(outbox.initialDelay()).isEqualTo(Duration.ofSeconds(10));
            assertThat(outbox.multiplier()).isEqualTo(2.0);
            assertThat(outbox.maxDelay()).isEqualTo(Duration.ofMinutes(15));
            assertThat(p.health().deadLetterThreshold()).isEqualTo(1);
            assertThat(p.health().backlogThreshold()).isEqualTo(1000);
            assertThat(p.security().authorityPrefix()).isEqualTo("ROLE_");
            assertThat(p.security().userIdClaim()).isNull();
            assertThat(p.security().companyClaim()).isEqualTo("company_id");
            assertThat(p.notifications().resolutionNoticeOnlyFromStaff()).isFalse();
            assertThat(p.notifications().publishEvents()).isTrue();
            TicketingProperties.Sweep sweep = p.attachments().sweep();
            assertThat(sweep.enabled()).isTrue();
            assertThat(new AttachmentSweeper.Settings(sweep.interval(), sweep.batchSize()))
                .isEqualTo(AttachmentSweeper.Settings.defaults());
            // The option defaults of the properties are the engine's own.
            assertThat(p.toOptions().build()).isEqualTo(TicketingOptions.defaults());
          });
    }
  }

  // ------------------------------------------------------------------ attachment sweeper

  @Nested
  class Sweeper {

    @Test
    void runsWithTheContextAndStopsOnClose() {
      AttachmentSweeper[] seen = new AttachmentSweeper[1];
      runner
          .withPropertyValues(
              "ticketing.attachments.sweep.interval=2s", "ticketing.attachments.sweep.batch-size=7")
          .run(
              context -> {
                assertThat(context).hasSingleBean(AttachmentSweeperLifecycle.class);
                seen[0] = context.getBean(AttachmentSweeper.class);
                assertThat(seen[0]).isSameAs(context.getBean(Ticketing.class).sweeper());
                assertThat(seen[0].isRunning()).isTrue();
                assertThat(seen[0].settings())
                    .isEqualTo(new AttachmentSweeper.Settings(Duration.ofSeconds(2), 7));
                assertThat(context.getBean(AttachmentSweeperLifecycle.class).getPhase())
                    .isEqualTo(OutboxDispatcherLifecycle.PHASE);
                assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .contains("ticketing-attachment-sweeper");
              });
      assertThat(seen[0].isRunning()).isFalse();
    }

    @Test
    void switchedOffPerInstanceAndStillCallable() {
      runner
          .withPropertyValues("ticketing.attachments.sweep.enabled=false")
          .withBean(Directory.class, SpringFixtures::directory)
          .run(
              context -> {
                assertThat(context)
                    .doesNotHaveBean(AttachmentSweeperLifecycle.class)
                    .hasSingleBean(AttachmentSweeper.class);
                AttachmentSweeper sweeper = context.getBean(AttachmentSweeper.class);
                assertThat(sweeper.isRunning()).isFalse();
                TicketService tickets = service(context);
                TicketView t = tickets.createTicket(CUSTOMER, newTicket());
                tickets.requestUpload(
                    CUSTOMER, new RequestUpload(t.id(), "a.txt", "text/plain", 3));
                assertThat(sweeper.sweep())
                    .as("nothing expired yet")
                    .isEqualTo(new AttachmentSweeper.Result(0, 0));
              });
    }

    @Test
    void aHostSweeperWins() {
      AttachmentSweeper own =
          new AttachmentSweeper(
              new InMemoryTicketStore(),
              new InMemoryBlobStore(),
              Clock.systemUTC(),
              AttachmentSweeper.Settings.defaults());
      runner
          .withBean(AttachmentSweeper.class, () -> own)
          .run(
              context -> {
                assertThat(context.getBean(AttachmentSweeper.class)).isSameAs(own);
                assertThat(own.isRunning()).isTrue();
              });
      assertThat(own.isRunning()).isFalse();
    }

    @Test
    void attachmentOptionsBind() {
      runner
          .withPropertyValues(
              "ticketing.attachments.staging-prefix=incoming/",
              "ticketing.attachments.confirmation-window=10m")
          .run(
              context -> {
                TicketingOptions options = context.getBean(TicketingOptions.class);
                assertThat(options.stagingPrefix()).isEqualTo("incoming/");
                assertThat(options.confirmationWindow()).isEqualTo(Duration.ofMinutes(10));
              });
      runner
          .withPropertyValues("ticketing.attachments.staging-prefix=tickets/attachments/staged/")
          .run(
              context ->
                  assertThat(context)
                      .hasFailed()
                      .getFailure()
                      .rootCause()
                      .hasMessageContaining("stagingPrefix"));
    }
  }

  // ------------------------------------------------------------------ outbox: retry settings,
  // dispatcher lifecycle

  @Nested
  class Outbox {

    @Test
    void retryBackOffFollowsTheProperties() {
      MutableClock clock = MutableClock.frozen(Instant.parse("2030-01-01T00:00:00Z"));
      runner
          .withPropertyValues(
              "ticketing.outbox.enabled=false",
              "ticketing.outbox.max-retries=2",
              "ticketing.outbox.initial-delay=30s",
              "ticketing.outbox.multiplier=2",
              "ticketing.outbox.max-delay=45s",
              "ticketing.notifications.publish-events=false")
          .withBean(TicketingClock.class, () -> new TicketingClock(clock))
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(Notifier.class, RecordingNotifier::alwaysFailing)
          .run(
              context -> {
                service(context).createTicket(CUSTOMER, newTicket()); // notifies admin-1
                OutboxDispatcher d = dispatcher(context);
                assertThat(d.dispatchDue()).as("the request: admin-1 is told").isEqualTo(1);
                assertThat(d.dispatchDue()).as("first attempt at once").isEqualTo(1);
                clock.advance(Duration.ofSeconds(29));
                assertThat(d.dispatchDue()).as("initial delay not over").isZero();
                clock.advance(Duration.ofSeconds(1));
                assertThat(d.dispatchDue())
                    .as("second attempt after the initial delay")
                    .isEqualTo(1);
                clock.advance(Duration.ofSeconds(30));
                assertThat(d.dispatchDue()).as("multiplied: not yet after 30 s more").isZero();
                clock.advance(Duration.ofSeconds(14));
                assertThat(d.dispatchDue()).as("max delay: not yet after 44 s").isZero();
                clock.advance(Duration.ofSeconds(1));
                assertThat(d.dispatchDue())
                    .as("third attempt after the max delay of 45 s")
                    .isEqualTo(1);
                clock.advance(Duration.ofDays(1));
                assertThat(d.dispatchDue()).as("1 attempt + 2 retries made").isZero();
                assertThat(d.outbox().deadCount()).isEqualTo(1);
                assertThat(d.deadLetters(10))
                    .singleElement()
                    .satisfies(e -> assertThat(e.attempts()).isEqualTo(3));
              });
    }

    @Test
    void leaseKeepsAClaimedNotificationFromOtherInstances() {
      MutableClock clock = MutableClock.frozen(Instant.parse("2030-01-01T00:00:00Z"));
      java.util.concurrent.atomic.AtomicReference<dev.ticketing.spi.OutboxStore> outbox =
          new java.util.concurrent.atomic.AtomicReference<>();
      List<Integer> takenByAnother = new CopyOnWriteArrayList<>();
      // While this instance holds the row (inside delivery), another instance tries to take it
      // over.
      Notifier watching =
          n -> {
            Instant now = clock.instant();
            List<String> channel = List.of("watcher");
            takenByAnother.add(
                outbox
                    .get()
                    .claimDue(
                        "other-node",
                        now.plus(Duration.ofSeconds(119)),
                        Duration.ofMinutes(1),
                        10,
                        channel)
                    .size());
            takenByAnother.add(
                outbox
                    .get()
                    .claimDue(
                        "other-node",
                        now.plus(Duration.ofSeconds(120)),
                        Duration.ofMinutes(1),
                        10,
                        channel)
                    .size());
          };
      runner
          .withPropertyValues(
              "ticketing.outbox.enabled=false",
              "ticketing.outbox.lease=2m",
              "ticketing.notifications.publish-events=false")
          .withBean(TicketingClock.class, () -> new TicketingClock(clock))
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean("watcher", Notifier.class, () -> watching)
          .run(
              context -> {
                outbox.set(dispatcher(context).outbox());
                service(context).createTicket(CUSTOMER, newTicket());
                assertThat(dispatcher(context).dispatchDue()).as("the request").isEqualTo(1);
                assertThat(dispatcher(context).dispatchDue()).as("its delivery").isEqualTo(1);
                assertThat(takenByAnother)
                    .as("held for the 2 minute lease, then free")
                    .containsExactly(0, 1);
              });
    }

    @Test
    void batchSize() {
      InMemoryDirectory threeAdmins =
          InMemoryDirectory.builder()
              .company("acme", "Acme", "support@acme.test")
              .admin("a1")
              .admin("a2")
              .admin("a3")
              .build();
      runner
          .withPropertyValues(
              "ticketing.outbox.enabled=false",
              "ticketing.outbox.batch-size=2",
              "ticketing.notifications.publish-events=false")
          .withBean(Directory.class, () -> threeAdmins)
          .withBean("mail", Notifier.class, RecordingNotifier::working)
          .run(
              context -> {
                service(context).createTicket(CUSTOMER, newTicket());
                assertThat(dispatcher(context).dispatchDue()).as("the request").isEqualTo(1);
                assertThat(dispatcher(context).dispatchDue()).isEqualTo(2);
                assertThat(dispatcher(context).dispatchDue()).isEqualTo(1);
              });
    }

    @Test
    void ownerNamesTheDispatcherThread() {
      runner
          .withPropertyValues("ticketing.outbox.owner=node-7")
          .run(
              context ->
                  assertThat(Thread.getAllStackTraces().keySet())
                      .extracting(Thread::getName)
                      .contains("ticketing-outbox-node-7"));
    }

    @Test
    void pollIntervalRetriesWithoutAWakeUp() {
      RecordingNotifier notifier = RecordingNotifier.failingFirst(1);
      runner
          .withPropertyValues(
              "ticketing.outbox.poll-interval=100ms", "ticketing.outbox.initial-delay=200ms")
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(Notifier.class, () -> notifier)
          .run(
              context -> {
                service(context).createTicket(CUSTOMER, newTicket());
                notifier.await(n -> n.recipientId().equals("admin-1"), Duration.ofSeconds(5));
                assertThat(notifier.attempts()).isEqualTo(2);
              });
    }

    @Test
    void longPollIntervalLeavesTheRetryForLater() {
      RecordingNotifier notifier = RecordingNotifier.failingFirst(1);
      runner
          .withPropertyValues(
              "ticketing.outbox.poll-interval=10m", "ticketing.outbox.initial-delay=100ms")
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(Notifier.class, () -> notifier)
          .run(
              context -> {
                service(context).createTicket(CUSTOMER, newTicket());
                notifier.awaitAttempts(1, Duration.ofSeconds(5));
                SpringFixtures.sleep(1000);
                assertThat(notifier.attempts())
                    .as("no poll within 10 minutes, no commit woke it")
                    .isEqualTo(1);
              });
    }

    @Test
    void dispatcherRunsAfterStartAndStopsOnClose() {
      RecordingNotifier notifier = RecordingNotifier.working();
      OutboxDispatcher[] seen = new OutboxDispatcher[1];
      runner
          .withPropertyValues("ticketing.outbox.owner=lifecycle-test")
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(Notifier.class, () -> notifier)
          .run(
              context -> {
                assertThat(context).hasSingleBean(OutboxDispatcherLifecycle.class);
                seen[0] = dispatcher(context);
                assertThat(seen[0].isRunning()).isTrue();
                assertThat(context.getBean(OutboxDispatcherLifecycle.class).getPhase())
                    .isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE);
                TicketView t = service(context).createTicket(CUSTOMER, newTicket());
                // Delivered by the background thread: nobody calls dispatchDue().
                Notification n =
                    notifier.await(x -> x.ticketId().equals(t.id()), Duration.ofSeconds(5));
                assertThat(n.recipientId()).isEqualTo("admin-1");
              });
      assertThat(seen[0].isRunning()).isFalse();
      assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .doesNotContain("ticketing-outbox-lifecycle-test");
    }

    @Test
    void lifecycleStopAndRestart() {
      runner.run(
          context -> {
            OutboxDispatcherLifecycle lifecycle = context.getBean(OutboxDispatcherLifecycle.class);
            assertThat(lifecycle.isRunning()).isTrue();
            lifecycle.stop();
            assertThat(dispatcher(context).isRunning()).isFalse();
            lifecycle.start();
            assertThat(dispatcher(context).isRunning()).isTrue();
          });
    }

    @Test
    void switchedOffPerInstance() {
      RecordingNotifier notifier = RecordingNotifier.working();
      runner
          .withPropertyValues("ticketing.outbox.enabled=false")
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean(Notifier.class, () -> notifier)
          .run(
              context -> {
                assertThat(context)
                    .doesNotHaveBean(OutboxDispatcherLifecycle.class)
                    .hasSingleBean(OutboxDispatcher.class);
                assertThat(dispatcher(context).isRunning()).isFalse();
                service(context).createTicket(CUSTOMER, newTicket());
                SpringFixtures.sleep(300);
                assertThat(notifier.attempts()).as("this instance only writes the outbox").isZero();
                assertThat(dispatcher(context).outbox().pendingCount())
                    .as("one request")
                    .isEqualTo(1);
                dispatcher(context).drain();
                assertThat(notifier.delivered()).hasSize(1);
              });
    }
  }

  // ------------------------------------------------------------------ notifiers and events

  static final class EventRecorder {
    final List<TicketingNotificationEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(TicketingNotificationEvent event) {
      events.add(event);
    }
  }

  static final class FailingListener {
    final AtomicInteger calls = new AtomicInteger();

    @EventListener
    void on(TicketingNotificationEvent event) {
      calls.incrementAndGet();
      throw new IllegalStateException("listener down (test)");
    }
  }

  @Nested
  class Notifications {

    private ApplicationContextRunner withTwoNotifiersAndAListener() {
      return runner
          .withPropertyValues("ticketing.outbox.enabled=false")
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean("mail", Notifier.class, RecordingNotifier::working)
          .withBean("push", Notifier.class, RecordingNotifier::working)
          .withBean(EventRecorder.class);
    }

    @Test
    void everyNotifierBeanAndEveryListenerGetsEachNotification() {
      withTwoNotifiersAndAListener()
          .run(
              context -> {
                assertThat(dispatcher(context).channels())
                    .as("named by bean name")
                    .containsExactlyInAnyOrder("mail", "push", "events");
                TicketView t = service(context).createTicket(CUSTOMER, newTicket());
                assertThat(dispatcher(context).drain())
                    .as("the request, then one delivery per channel")
                    .isEqualTo(4);
                for (String name : List.of("mail", "push")) {
                  assertThat(
                          ((RecordingNotifier) context.getBean(name, Notifier.class)).delivered())
                      .singleElement()
                      .satisfies(
                          n -> {
                            assertThat(n.ticketId()).isEqualTo(t.id());
                            assertThat(n.recipientId()).isEqualTo("admin-1");
                          });
                }
                assertThat(context.getBean(EventRecorder.class).events)
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.notification().ticketId()).isEqualTo(t.id());
                          assertThat(e.deliveryId())
                              .isEqualTo(DeliveryIds.deliveryId(e.notification().id(), "events"));
                        });
              });
    }

    @Test
    void eventsSwitchedOff() {
      withTwoNotifiersAndAListener()
          .withPropertyValues("ticketing.notifications.publish-events=false")
          .run(
              context -> {
                assertThat(dispatcher(context).channels())
                    .containsExactlyInAnyOrder("mail", "push");
                service(context).createTicket(CUSTOMER, newTicket());
                assertThat(dispatcher(context).drain()).isEqualTo(3);
                assertThat(
                        ((RecordingNotifier) context.getBean("mail", Notifier.class)).delivered())
                    .hasSize(1);
                assertThat(context.getBean(EventRecorder.class).events).isEmpty();
              });
    }

    @Test
    void aFailingListenerRetriesAndDiesOnTheEventsChannelAlone() {
      runner
          .withPropertyValues(
              "ticketing.outbox.enabled=false",
              "ticketing.outbox.max-retries=1",
              "ticketing.outbox.initial-delay=0s")
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean("mail", Notifier.class, RecordingNotifier::working)
          .withBean(FailingListener.class)
          .run(
              context -> {
                service(context).createTicket(CUSTOMER, newTicket());
                OutboxDispatcher d = dispatcher(context);
                d.drain();
                assertThat(d.counts().get("events")).containsEntry(OutboxState.DEAD, 1L);
                assertThat(d.counts().get("mail"))
                    .containsEntry(OutboxState.DEAD, 0L)
                    .containsEntry(OutboxState.PENDING, 0L);
                assertThat(context.getBean(FailingListener.class).calls)
                    .as("1 attempt + 1 retry")
                    .hasValue(2);
                // The mail channel was not sent again because the listener failed.
                assertThat(
                        ((RecordingNotifier) context.getBean("mail", Notifier.class)).delivered())
                    .hasSize(1);
              });
    }

    @Test
    void aNotifierFailureDoesNotStopTheOthers() {
      runner
          .withPropertyValues("ticketing.outbox.enabled=false")
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean("broken", Notifier.class, RecordingNotifier::alwaysFailing)
          .withBean("mail", Notifier.class, RecordingNotifier::working)
          .withBean(EventRecorder.class)
          .run(
              context -> {
                service(context).createTicket(CUSTOMER, newTicket());
                dispatcher(context).drain();
                assertThat(
                        ((RecordingNotifier) context.getBean("mail", Notifier.class)).delivered())
                    .hasSize(1);
                assertThat(context.getBean(EventRecorder.class).events).hasSize(1);
                assertThat(dispatcher(context).outbox().count(OutboxState.PENDING))
                    .as("failed for one: retried, alone")
                    .containsExactly(java.util.Map.entry("broken", 1L));
              });
    }

    @Test
    void eachChannelTakesItsRetriesFromItsOwnPropertiesOrTheCommonOnes() {
      runner
          .withPropertyValues(
              "ticketing.outbox.enabled=false",
              "ticketing.outbox.max-retries=3",
              "ticketing.outbox.initial-delay=0s",
              "ticketing.outbox.channels.push.max-retries=0",
              "ticketing.outbox.channels.sms-gateway.max-retries=7",
              "ticketing.outbox.channels.sms-gateway.initial-delay=1m",
              "ticketing.outbox.channels.recipients.max-retries=50")
          .withBean(Directory.class, SpringFixtures::directory)
          .withBean("mail", Notifier.class, RecordingNotifier::alwaysFailing)
          .withBean("push", Notifier.class, RecordingNotifier::alwaysFailing)
          .withBean("smsGateway", Notifier.class, RecordingNotifier::working)
          .run(
              context -> {
                OutboxDispatcher d = dispatcher(context);
                assertThat(d.retryPolicy("mail"))
                    .isEqualTo(new RetryPolicy(3, Duration.ZERO, 2.0, Duration.ofMinutes(15)));
                assertThat(d.retryPolicy("push").maxRetries()).isZero();
                assertThat(d.retryPolicy("smsGateway"))
                    .as("the kebab-case key finds the camel-case bean")
                    .isEqualTo(
                        new RetryPolicy(7, Duration.ofMinutes(1), 2.0, Duration.ofMinutes(15)));
                assertThat(d.retryPolicy("events")).isEqualTo(d.retryPolicy("mail"));
                assertThat(d.retryPolicy(dev.ticketing.spi.OutboxStore.RECIPIENTS).maxRetries())
                    .isEqualTo(50);

                service(context).createTicket(CUSTOMER, newTicket());
                d.drain();
                assertThat(d.counts().get("push"))
                    .as("no retry: dead at once")
                    .containsEntry(OutboxState.DEAD, 1L);
                assertThat(d.counts().get("mail"))
                    .as("retried")
                    .containsEntry(OutboxState.PENDING, 0L)
                    .containsEntry(OutboxState.DEAD, 1L);
                assertThat(d.deadLetters(10))
                    .filteredOn(e -> e.channel().equals("mail"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.attempts()).isEqualTo(4));
                assertThat(
                        ((RecordingNotifier) context.getBean("smsGateway", Notifier.class))
                            .delivered())
                    .hasSize(1);
              });
    }

    @Test
    void beanNamesBecomeChannelNames() {
      assertThat(TicketingAutoConfiguration.channelName("ticketingEmailNotifier"))
          .isEqualTo("ticketingEmailNotifier");
      assertThat(TicketingAutoConfiguration.channelName("com.example.Push#0"))
          .isEqualTo("com.example.Push-0");
      assertThat(TicketingAutoConfiguration.channelName("push_v2-eu")).isEqualTo("push_v2-eu");
      runner
          .withBean("x".repeat(65), Notifier.class, RecordingNotifier::working)
          .run(
              context ->
                  assertThat(context)
                      .hasFailed()
                      .getFailure()
                      .hasStackTraceContaining("cannot name a notification channel"));
    }

    @Test
    void theOldRetryPropertyIsRefusedWithItsReplacement() {
      runner
          .withPropertyValues("ticketing.outbox.max-attempts=3")
          .run(
              context ->
                  assertThat(context)
                      .hasFailed()
                      .getFailure()
                      .hasStackTraceContaining("ticketing.outbox.max-retries")
                      .hasStackTraceContaining("max-attempts - 1"));
    }

    @Test
    void aNotifierBeanNamedEventsClashesWithTheEventsChannel() {
      runner
          .withBean("events", Notifier.class, RecordingNotifier::working)
          .run(
              context ->
                  assertThat(context)
                      .hasFailed()
                      .getFailure()
                      .hasStackTraceContaining("publish-events=false"));
      runner
          .withPropertyValues("ticketing.notifications.publish-events=false")
          .withBean("events", Notifier.class, RecordingNotifier::working)
          .run(context -> assertThat(dispatcher(context).channels()).containsExactly("events"));
    }
  }
}
