package dev.ticketing.spring;

import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingOptions;
import dev.ticketing.attachment.AttachmentSweeper;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * The ticketing engine for a Spring Boot host: a {@link TicketService} wired from the host's beans
 * where it declares them ({@link Directory}, {@link SubjectCatalog}, {@link Notifier}s, {@link
 * BlobStore}, {@link TicketStore}, {@link PermissionPolicy}, {@link TicketingOptions}, {@link Clock}) and in-memory
 * defaults where it does not. Every bean backs off when the host defines its own.
 *
 * <p>The outbox dispatcher and the attachment sweeper run in the background once the context is
 * ready ({@code ticketing.outbox.enabled}, {@code ticketing.attachments.sweep.enabled}).
 *
 * <p>The JPA store comes from {@link TicketingJpaAutoConfiguration}, which runs first.
 */
@AutoConfiguration(afterName = "dev.ticketing.spring.TicketingJpaAutoConfiguration")
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TicketingProperties.class)
public final class TicketingAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TicketingAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Clock ticketingClock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  IdGenerator ticketingIdGenerator(Clock clock) {
    return IdGenerator.timeOrdered(clock);
  }

  @Bean
  @ConditionalOnMissingBean
  TicketStore ticketStore(TicketingProperties properties) {
    if (properties.store().type() == TicketingProperties.StoreType.JPA) {
      throw new IllegalStateException("ticketing.store.type=JPA, but no JPA store could be configured: add "
          + "ticketing-jpa and Spring Boot's JPA support (spring-boot-starter-data-jpa) with a DataSource");
    }
    log.warn("Ticketing uses the in-memory store: tickets are lost on restart. Add JPA and a DataSource "
        + "for the JPA store.");
    return new InMemoryTicketStore();
  }

  @Bean
  @ConditionalOnMissingBean
  BlobStore ticketingBlobStore(Clock clock) {
    log.info("Ticketing keeps attachments in memory; configure a BlobStore bean (ticketing-s3) for real storage");
    return new InMemoryBlobStore(clock);
  }

  @Bean
  @ConditionalOnMissingBean
  Directory ticketingDirectory() {
    log.warn("No ticketing Directory bean: no company is known, so no ticket can be created; users show as ids"
        + " only and no admin is notified");
    return InMemoryDirectory.empty();
  }

  @Bean
  @ConditionalOnMissingBean
  PermissionPolicy ticketingPermissionPolicy(TicketingProperties properties, ObjectProvider<TicketingCustomizer> customizers) {
    MatrixPolicy.Builder policy = ConfiguredPolicy.builder(properties.policy());
    customizers.orderedStream().forEach(c -> c.customizePolicy(policy));
    return policy.build();
  }

  @Bean
  @ConditionalOnMissingBean
  SubjectCatalog ticketingSubjectCatalog(TicketingOptions options) {
    return InMemorySubjectCatalog.ofCategories(options.categories());
  }

  @Bean
  @ConditionalOnMissingBean
  ExternalNoteAuthors ticketingExternalNoteAuthors(Directory directory, TicketingProperties properties) {
    TicketingProperties.ExternalNotes notes = properties.externalNotes();
    String fallback = notes.fallbackAuthorId();
    if (fallback == null || fallback.isBlank()) {
      return new ExternalNoteAuthors(directory, null);
    }
    if (!notes.fallbackAuthorRole().isStaff()) {
      throw new IllegalStateException("ticketing.external-notes.fallback-author-role must be a staff role (AGENT, "
          + "ADMIN or SUPER_ADMIN), not " + notes.fallbackAuthorRole());
    }
    Actor actor;
    try {
      actor = new Actor(fallback.strip(), notes.fallbackAuthorRole(), null);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("ticketing.external-notes.fallback-author-id is not a well-formed user id: "
          + e.getMessage(), e);
    }
    return new ExternalNoteAuthors(directory, actor);
  }

  @Bean
  @ConditionalOnMissingBean
  TicketingOptions ticketingOptions(TicketingProperties properties, ObjectProvider<TicketingCustomizer> customizers) {
    TicketingOptions.Builder options = properties.toOptions();
    customizers.orderedStream().forEach(c -> c.customizeOptions(options));
    return options.build();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Ticketing ticketing(TicketStore store, BlobStore blobStore, Directory directory, SubjectCatalog subjects,
      PermissionPolicy policy, TicketingOptions options, Clock clock, IdGenerator ids, ObjectProvider<Notifier> notifiers,
      ApplicationEventPublisher events, TicketingProperties properties) {
    List<Notifier> chain = new ArrayList<>(notifiers.orderedStream().toList());
    if (properties.notifications().publishEvents()) {
      chain.add(n -> events.publishEvent(new TicketingNotificationEvent(n)));
    }
    TicketingProperties.Outbox outbox = properties.outbox();
    TicketingProperties.Sweep sweep = properties.attachments().sweep();
    String owner = outbox.owner() != null ? outbox.owner() : "ticketing-" + UUID.randomUUID();
    return Ticketing.builder()
        .store(store)
        .blobStore(blobStore)
        .directory(directory)
        .subjects(subjects)
        .policy(policy)
        .options(options)
        .clock(clock)
        .idGenerator(ids)
        .notifier(new NotifierChain(chain))
        .retryPolicy(new RetryPolicy(outbox.maxAttempts(), outbox.initialDelay(), outbox.multiplier(), outbox.maxDelay()))
        .dispatch(new OutboxDispatcher.Settings(owner, outbox.lease(), outbox.batchSize(), outbox.pollInterval()))
        .sweep(new AttachmentSweeper.Settings(sweep.interval(), sweep.batchSize()))
        // The lifecycle beans start the dispatcher and the sweeper once the context is ready.
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  TicketService ticketService(Ticketing ticketing) {
    return ticketing.service();
  }

  @Bean
  @ConditionalOnMissingBean
  OutboxDispatcher ticketingOutboxDispatcher(Ticketing ticketing) {
    return ticketing.dispatcher();
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "ticketing.outbox.enabled", matchIfMissing = true)
  OutboxDispatcherLifecycle ticketingOutboxDispatcherLifecycle(OutboxDispatcher dispatcher) {
    return new OutboxDispatcherLifecycle(dispatcher);
  }

  @Bean
  @ConditionalOnMissingBean
  AttachmentSweeper ticketingAttachmentSweeper(Ticketing ticketing) {
    return ticketing.sweeper();
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "ticketing.attachments.sweep.enabled", matchIfMissing = true)
  AttachmentSweeperLifecycle ticketingAttachmentSweeperLifecycle(AttachmentSweeper sweeper) {
    return new AttachmentSweeperLifecycle(sweeper);
  }
}
