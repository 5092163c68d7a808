package dev.ticketing.spring.autoconfigure;

import dev.ticketing.SlaService;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingOptions;
import dev.ticketing.assignment.AssignmentService;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.attachment.AttachmentSweeper;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.PushChannel;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MacroStore;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.PushNotifier;
import dev.ticketing.spi.RatingStore;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spring.diagnostics.InMemoryAttachmentsException;
import dev.ticketing.spring.jpa.TicketingJpaAutoConfiguration;
import dev.ticketing.spring.policy.ConfiguredPolicy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The ticketing engine for a Spring Boot host: a {@link TicketService} wired from the host's beans
 * where it declares them ({@link Directory}, {@link SubjectCatalog}, {@link Notifier}s, {@link
 * BlobStore}, {@link TicketStore}, {@link PermissionPolicy}, {@link TicketingOptions}, {@link TicketingClock}) and in-memory
 * defaults where it does not. Every bean backs off when the host defines its own.
 *
 * <p>The outbox dispatcher and the attachment sweeper run in the background once the context is
 * ready ({@code ticketing.outbox.enabled}, {@code ticketing.attachments.sweep.enabled}), and so
 * does the SLA scheduler where service levels are configured ({@link TicketingSlaProperties}).
 *
 * <p>The JPA store comes from {@link TicketingJpaAutoConfiguration}, which runs first.
 *
 * <p>Long because the engine bean is assembled here from every capability's beans and properties
 * (stores, strategies, settings), each optional, so that one place decides what a host gets.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "dev.ticketing.spring.jpa.TicketingJpaAutoConfiguration")
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@EnableConfigurationProperties({
  TicketingProperties.class,
  TicketingSlaProperties.class,
  TicketingRatingProperties.class,
  TicketingCounterProperties.class
})
public final class TicketingAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TicketingAutoConfiguration.class);

  /** The engine's clock: the system's unless the host declares a {@link TicketingClock}; never a {@link Clock} bean. */
  @Bean
  @ConditionalOnMissingBean
  TicketingClock ticketingClock() {
    return TicketingClock.system();
  }

  @Bean
  @ConditionalOnMissingBean
  IdGenerator ticketingIdGenerator(TicketingClock clock) {
    return IdGenerator.timeOrdered(clock.clock());
  }

  @Bean
  @ConditionalOnMissingBean
  TicketStore ticketStore(TicketingProperties properties) {
    if (properties.store().type() == TicketingProperties.StoreType.JPA) {
      throw new IllegalStateException(
          "ticketing.store.type=JPA, but no JPA store could be configured: add "
              + "ticketing-jpa and Spring Boot's JPA support (spring-boot-starter-data-jpa) with a DataSource");
    }
    log.warn(
        "Ticketing uses the in-memory store: tickets are lost on restart. Add JPA and a DataSource "
            + "for the JPA store.");
    return new InMemoryTicketStore();
  }

  /**
   * Attachments in memory, as the last resort: beside the in-memory ticket store, or where {@code
   * ticketing.attachments.store=memory} chooses it. Beside the JPA ticket store start-up fails,
   * since every file would be lost on restart while its ticket still lists it.
   */
  @Bean
  @ConditionalOnMissingBean
  BlobStore ticketingBlobStore(
      TicketingClock clock, TicketStore store, TicketingProperties properties) {
    // The JPA store by name: this class loads on hosts without ticketing-jpa.
    if (store.getClass().getName().equals("dev.ticketing.jpa.JpaTicketStore")
        && properties.attachments().store() != TicketingProperties.AttachmentStore.MEMORY) {
      throw new InMemoryAttachmentsException(store.getClass().getSimpleName());
    }
    log.info(
        "Ticketing keeps attachments in memory; configure a BlobStore bean (ticketing-s3) for real storage");
    return new InMemoryBlobStore(clock.clock());
  }

  @Bean
  @ConditionalOnMissingBean
  Directory ticketingDirectory() {
    log.warn(
        "No ticketing Directory bean: no company is known, so no ticket can be created; users show as ids"
            + " only and no admin is notified");
    return InMemoryDirectory.empty();
  }

  @Bean
  @ConditionalOnMissingBean
  PermissionPolicy ticketingPermissionPolicy(
      TicketingProperties properties, ObjectProvider<TicketingCustomizer> customizers) {
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
  ExternalNoteAuthors ticketingExternalNoteAuthors(
      Directory directory, TicketingProperties properties) {
    TicketingProperties.ExternalNotes notes = properties.externalNotes();
    String fallback = notes.fallbackAuthorId();
    if (fallback == null || fallback.isBlank()) {
      return new ExternalNoteAuthors(directory, null);
    }
    if (!notes.fallbackAuthorRole().isStaff()) {
      throw new IllegalStateException(
          "ticketing.external-notes.fallback-author-role must be a staff role (AGENT, "
              + "ADMIN or SUPER_ADMIN), not "
              + notes.fallbackAuthorRole());
    }
    Actor actor;
    try {
      actor = new Actor(fallback.strip(), notes.fallbackAuthorRole(), null);
    } catch (dev.ticketing.ValidationException e) {
      throw new IllegalStateException(
          "ticketing.external-notes.fallback-author-id is not a well-formed user id: "
              + e.getMessage(),
          e);
    }
    return new ExternalNoteAuthors(directory, actor);
  }

  @Bean
  @ConditionalOnMissingBean
  TicketingOptions ticketingOptions(
      TicketingProperties properties, ObjectProvider<TicketingCustomizer> customizers) {
    TicketingOptions.Builder options = properties.toOptions();
    customizers.orderedStream().forEach(c -> c.customizeOptions(options));
    return options.build();
  }

  /**
   * The engine. Every {@link Notifier} bean is a channel of its own, named by its bean name ({@link
   * #channelName}), and so is every {@link PushNotifier} bean (through a {@link PushChannel} with the
   * {@link MessageTemplates} bean, or the built-in templates, in English), and, with {@code
   * ticketing.notifications.publish-events}, the {@code events} channel publishing {@link
   * TicketingNotificationEvent}s: each gets one outbox row per notification and retries,
   * dead-letters and is re-driven without the others sending again.
   *
   * <p>No destroy method: the engine's only resources are the background dispatcher and sweeper,
   * and their lifecycle beans stop each once; closing the engine as well would close them again.
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  Ticketing ticketing(
      TicketStore store,
      BlobStore blobStore,
      Directory directory,
      SubjectCatalog subjects,
      PermissionPolicy policy,
      TicketingOptions options,
      TicketingClock clock,
      IdGenerator ids,
      ListableBeanFactory beans,
      ApplicationEventPublisher events,
      TicketingProperties properties,
      Environment environment,
      ObjectProvider<MessageTemplates> templates,
      ObjectProvider<dev.ticketing.spi.FieldDefinitionStore> fieldDefinitions,
      TicketingSlaProperties sla,
      ObjectProvider<SlaConfiguration> slaConfiguration,
      ObjectProvider<SlaStore> slaStore,
      ObjectProvider<AssignmentStore> assignmentStore,
      ObjectProvider<AssignmentStrategy> assignmentStrategies,
      ObjectProvider<LinkStore> linkStores,
      ObjectProvider<MacroStore> macroStore,
      ObjectProvider<RatingStore> ratingStore,
      TicketingRatingProperties ratings,
      TicketingCounterProperties counters,
      ObjectProvider<dev.ticketing.spi.AutomationStore> automationStore,
      ObjectProvider<dev.ticketing.automation.AutomationSettings> automationSettings) {
    refuseRenamedProperties(environment);
    TicketingProperties.Outbox outbox = properties.outbox();
    Map<String, Notifier> channels = new LinkedHashMap<>();
    beans
        .getBeansOfType(Notifier.class)
        .forEach(
            (bean, notifier) -> {
              String name = channelName(bean);
              if (channels.putIfAbsent(name, notifier) != null) {
                throw new IllegalStateException(
                    "two Notifier beans make the notification channel '" + name + "'; rename one");
              }
            });
    // A host's push service is a channel of its own, rendered with the push templates: its outage
    // never makes another channel send again.
    MessageTemplates pushTemplates = templates.getIfAvailable(MessageTemplates::defaults);
    beans
        .getBeansOfType(PushNotifier.class)
        .forEach(
            (bean, push) -> {
              if (push instanceof Notifier) {
                return; // already a channel above
              }
              String name = channelName(bean);
              if (channels.putIfAbsent(
                      name, new PushChannel(push, pushTemplates, directory, Locale.ENGLISH))
                  != null) {
                throw new IllegalStateException(
                    "a PushNotifier bean and another notifier bean make the notification channel '"
                        + name
                        + "'; rename one");
              }
            });
    if (properties.notifications().publishEvents()) {
      if (channels.containsKey(EVENTS_CHANNEL)) {
        throw new IllegalStateException(
            "a Notifier bean is named '"
                + EVENTS_CHANNEL
                + "', the name of the channel "
                + "publishing TicketingNotificationEvents; rename the bean or set ticketing.notifications.publish-events=false");
      }
      channels.put(
          EVENTS_CHANNEL,
          new Notifier() {
            @Override
            public void deliver(Notification n) {
              events.publishEvent(new TicketingNotificationEvent(n));
            }

            @Override
            public void deliver(Delivery d) {
              events.publishEvent(new TicketingNotificationEvent(d.notification(), d.id()));
            }
          });
    }
    TicketingProperties.Sweep sweep = properties.attachments().sweep();
    String owner = outbox.owner() != null ? outbox.owner() : "ticketing-" + UUID.randomUUID();
    Ticketing.Builder builder =
        Ticketing.builder()
            .store(store)
            .blobStore(blobStore)
            .directory(directory)
            .subjects(subjects)
            .policy(policy)
            .options(options)
            .clock(clock.clock())
            .idGenerator(ids)
            .retryPolicy(outbox.retryPolicy())
            .recipientRetry(outbox.retryPolicy(OutboxStore.RECIPIENTS))
            .dispatch(
                new OutboxDispatcher.Settings(
                    owner, outbox.lease(), outbox.batchSize(), outbox.pollInterval()))
            .sweep(new AttachmentSweeper.Settings(sweep.interval(), sweep.batchSize()))
            // The lifecycle beans start the dispatcher and the sweeper once the context is ready.
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .slaSchedule(sla.scheduler().settings())
            .ratings(ratings.settings())
            .counters(counters.settings())
            .fieldDefinitionsHeldFor(properties.tickets().fieldDefinitionsHeldFor());
    // Service levels: the host's SlaConfiguration bean, or ticketing.sla.* properties.
    SlaConfiguration levels =
        slaConfiguration.getIfAvailable(() -> sla.configured() ? sla.toConfiguration() : null);
    if (levels != null) {
      builder.sla(levels);
    }
    slaStore.ifAvailable(builder::slaStore);
    fieldDefinitions.ifAvailable(builder::fieldDefinitions);
    linkStores.ifAvailable(builder::linkStore);
    macroStore.ifAvailable(builder::macroStore);
    ratingStore.ifAvailable(builder::ratingStore);
    channels.forEach(
        (name, notifier) -> {
          try {
            builder.channel(name, notifier, outbox.retryPolicy(name));
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                "Notifier bean '"
                    + name
                    + "' cannot name a notification channel: "
                    + e.getMessage()
                    + "; give the bean a name of 1 to 64 letters, digits, '.', '_' or '-'",
                e);
          }
        });
    assignmentStore.ifAvailable(builder::assignmentStore);
    assignmentStrategies.orderedStream().forEach(builder::assignmentStrategy);
    // Automation rules are on where the host declares their store or settings as beans.
    automationStore.ifAvailable(builder::automationStore);
    automationSettings.ifAvailable(builder::automations);
    log.info(
        "Ticketing delivers notifications through {}",
        channels.isEmpty() ? "no channel" : channels.keySet());
    return builder.build();
  }

  /** The channel publishing {@link TicketingNotificationEvent}s. */
  static final String EVENTS_CHANNEL = "events";

  /**
   * The channel a notifier bean makes: its bean name, with every character but letters, digits,
   * {@code .}, {@code _} and {@code -} turned into {@code -} (a bean registered programmatically is
   * named like {@code com.example.Push#0}).
   */
  static String channelName(String beanName) {
    return beanName.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /**
   * Retries are counted after the first attempt since 0.2.0: a value under the old name would be
   * silently ignored and retry one time more or less than meant.
   */
  private static void refuseRenamedProperties(Environment environment) {
    if (environment.containsProperty("ticketing.outbox.max-attempts")) {
      throw new IllegalStateException(
          "ticketing.outbox.max-attempts is replaced by ticketing.outbox.max-retries, "
              + "which counts retries after the first attempt: set max-retries to max-attempts - 1");
    }
  }

  /** Automatic assignment and agents' profiles. */
  @Bean
  @ConditionalOnMissingBean
  AssignmentService ticketingAssignment(Ticketing ticketing) {
    return ticketing.assignment();
  }

  @Bean
  @ConditionalOnMissingBean
  TicketService ticketService(Ticketing ticketing) {
    return ticketing.service();
  }

  /** Reads of service-level targets (answers nothing unless service levels are configured). */
  @Bean
  @ConditionalOnMissingBean
  SlaService ticketingSlaService(Ticketing ticketing) {
    return ticketing.sla();
  }

  /** The engine's dispatcher; no destroy method, as {@link OutboxDispatcherLifecycle} stops it. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  OutboxDispatcher ticketingOutboxDispatcher(Ticketing ticketing) {
    return ticketing.dispatcher();
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "ticketing.outbox.enabled", matchIfMissing = true)
  OutboxDispatcherLifecycle ticketingOutboxDispatcherLifecycle(OutboxDispatcher dispatcher) {
    return new OutboxDispatcherLifecycle(dispatcher);
  }

  /** The engine's sweeper; no destroy method, as {@link AttachmentSweeperLifecycle} stops it. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  AttachmentSweeper ticketingAttachmentSweeper(Ticketing ticketing) {
    return ticketing.sweeper();
  }

  /**
   * Runs the SLA scheduler with the application where service levels are configured (a {@link
   * SlaConfiguration} bean or {@code ticketing.sla.policies}) and this instance dispatches
   * notifications ({@code ticketing.outbox.enabled}), unless {@code
   * ticketing.sla.scheduler.enabled=false}.
   */
  @Bean
  @ConditionalOnBooleanProperty(name = "ticketing.outbox.enabled", matchIfMissing = true)
  SlaSchedulerLifecycle ticketingSlaSchedulerLifecycle(
      Ticketing ticketing,
      TicketingSlaProperties sla,
      ObjectProvider<SlaConfiguration> slaConfiguration) {
    boolean configured = slaConfiguration.getIfAvailable() != null || sla.configured();
    return new SlaSchedulerLifecycle(
        ticketing.slaScheduler(), configured && sla.scheduler().enabled());
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "ticketing.attachments.sweep.enabled", matchIfMissing = true)
  AttachmentSweeperLifecycle ticketingAttachmentSweeperLifecycle(AttachmentSweeper sweeper) {
    return new AttachmentSweeperLifecycle(sweeper);
  }
}
