package dev.ticketing.spring.autoconfigure;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.TicketingOptions;
import dev.ticketing.TitleRule;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.policy.Reach;
import dev.ticketing.policy.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code ticketing.*} configuration properties.
 *
 * @param enabled whether the engine is configured at all
 * @param store which store to use and who migrates its schema
 * @param roles how the host's role names map to the SDK roles
 * @param policy the permission matrix: a base, the customers' visibility, grants and revocations
 * @param tickets what a new ticket needs
 * @param workflow the state machine's automations
 * @param notifications notification routing switches
 * @param attachments attachment limits and URL lifetimes
 * @param categories the categories tickets may have, the subjects of the default subject catalog;
 *     empty means the six built-in ones (a SubjectCatalog bean of the host replaces them)
 * @param listLimit most tickets a non-paginated list returns
 * @param outbox notification delivery from the outbox
 * @param health thresholds of the health indicator
 * @param security how the current actor is read from Spring Security
 * @param externalNotes who notes recorded from the host's own system are credited to
 * @param idempotency clients' idempotency keys
 * @param web the library's errors in Spring MVC hosts
 * @param graphql the library's errors in Spring for GraphQL hosts
 * @since 0.1.0
 */
@ConfigurationProperties("ticketing")
public record TicketingProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue Store store,
    @DefaultValue Roles roles,
    @DefaultValue Policy policy,
    @DefaultValue Tickets tickets,
    @DefaultValue Workflow workflow,
    @DefaultValue Notifications notifications,
    @DefaultValue Attachments attachments,
    @DefaultValue List<String> categories,
    @DefaultValue("500") int listLimit,
    @DefaultValue Outbox outbox,
    @DefaultValue Health health,
    @DefaultValue Security security,
    @DefaultValue ExternalNotes externalNotes,
    @DefaultValue Idempotency idempotency,
    @DefaultValue Web web,
    @DefaultValue Graphql graphql) {

  /**
   * @param problemDetails the handler answering the library's errors with problem details
   */
  public record Web(@DefaultValue ProblemDetails problemDetails) {}

  /**
   * @param enabled whether a Spring MVC host answers the library's errors with an RFC 9457 problem
   *     detail (status per code, the code, retryable and the violations); switch off to answer them
   *     with a handler of your own
   */
  public record ProblemDetails(@DefaultValue("true") boolean enabled) {}

  /**
   * @param errors the resolver turning the library's errors into GraphQL errors
   */
  public record Graphql(@DefaultValue GraphqlErrors errors) {}

  /**
   * @param enabled whether a Spring for GraphQL host gets the library's errors as GraphQL errors
   *     with the code, retryable and the fields in their extensions; switch off to resolve them
   *     yourself
   */
  public record GraphqlErrors(@DefaultValue("true") boolean enabled) {}

  /** Where attachments are kept when the host declares no BlobStore bean and no S3 bucket. */
  public enum AttachmentStore {
    /**
     * In memory beside the in-memory ticket store; beside a database ticket store, start-up fails
     * rather than lose every attachment on restart.
     */
    AUTO,
    /** In memory, chosen on purpose (attachments are lost on restart). */
    MEMORY
  }

  /** Which store backs the engine. */
  public enum StoreType {
    /** The JPA store when the host has JPA and a data source, the in-memory store otherwise. */
    AUTO,
    /** The JPA store; fails to start without JPA. */
    JPA,
    /** The in-memory store: nothing survives a restart. */
    MEMORY
  }

  /** Who creates the JPA store's tables. */
  public enum SchemaMode {
    /** The ticketing migrations run at start-up, before JPA starts, with their own history table. */
    TICKETING,
    /**
     * The host's Flyway runs them: add {@code classpath:dev/ticketing/jpa/migration/{vendor}} to
     * {@code spring.flyway.locations}.
     */
    HOST,
    /** Nobody: the tables exist already. */
    NONE
  }

  /**
   * @param type which store to use
   * @param schema who migrates the JPA store's schema
   * @param backgroundMigration whether the ticketing migrations (with schema TICKETING) run on a
   *     thread of their own while the host goes on starting; the store's first use, Hibernate's
   *     schema generation or validation and the end of start-up wait for them, and a failed
   *     migration still fails start-up. Off: they run before the entity manager factory is built
   */
  public record Store(
      @DefaultValue("AUTO") StoreType type,
      @DefaultValue("TICKETING") SchemaMode schema,
      @DefaultValue("true") boolean backgroundMigration) {}

  /**
   * @param mapping host role name (an authority, with or without the authority prefix) to SDK role,
   *     for example CALENDAR_MEMBER: CUSTOMER; only the listed names map, so a user with no
   *     listed role is refused
   * @param sameNameMapping whether a host role named like an SDK role (CUSTOMER, AGENT, ADMIN,
   *     SUPER_ADMIN) maps to it without being listed; off by default, as a host's ADMIN is often
   *     not an administrator of the support desk
   */
  public record Roles(
      @DefaultValue Map<String, Role> mapping, @DefaultValue("false") boolean sameNameMapping) {}

  /** Where the permission matrix starts from before the grants and revocations apply. */
  public enum PolicyBase {
    /** The default matrix: customers own tickets, agents assigned ones, admins nearly everything. */
    STANDARD,
    /** Nothing granted: deny by default, every allowed operation listed under {@code grants}. */
    EMPTY
  }

  /**
   * @param base the matrix the grants and revocations change: STANDARD (the default matrix) or EMPTY
   *     (nothing granted)
   * @param customerVisibility what customers see: OWN (the tickets they created) or COMPANY (all
   *     of their company's); it sets the reach of the customer's view, comment and attach cells that
   *     are granted
   * @param grants cells of the matrix, per role and operation, for example
   *     "ticketing.policy.grants.CUSTOMER.CREATE_TICKET=OWN" or
   *     "ticketing.policy.grants.ADMIN.CHANGE_STATUS=ALL to RESOLVED": a reach (NONE, OWN, COMPANY,
   *     ASSIGNED, ALL), optionally "while" or "except" statuses, and for CHANGE_STATUS "to" statuses
   * @param revokes operations denied per role, for example
   *     "ticketing.policy.revokes.ADMIN=CREATE_TICKET"
   */
  public record Policy(
      @DefaultValue("STANDARD") PolicyBase base,
      @DefaultValue("OWN") Reach customerVisibility,
      @DefaultValue Map<String, Map<String, String>> grants,
      @DefaultValue Map<String, List<String>> revokes) {}

  /**
   * @param title whether a new ticket needs a title: REQUIRED, or FROM_SUBJECT / FROM_DESCRIPTION,
   *     which let it be left out and take the subject's label or the description's first line
   * @param fieldDefinitionsHeldFor how long the engine keeps the custom field definitions it read
   *     before reading them again (0 to 1 minute; 0 reads them for every write): a definition
   *     changed on another instance is used here within this time
   */
  public record Tickets(
      @DefaultValue("REQUIRED") TitleRule title,
      @DefaultValue("1s") Duration fieldDefinitionsHeldFor) {}

  /**
   * @param fallbackAuthorId the user a note recorded from the host's system is credited to when the
   *     event names no author; unset (the default) refuses such notes
   * @param fallbackAuthorRole the SDK role of that user: a staff role
   */
  public record ExternalNotes(
      @Nullable String fallbackAuthorId, @DefaultValue("ADMIN") Role fallbackAuthorRole) {}

  /**
   * @param customerReplyResumesWork a customer's reply on WAITING_FOR_CUSTOMER moves the ticket to
   *     IN_PROGRESS
   * @param customerReplyReopens a customer's reply on RESOLVED reopens the ticket
   */
  public record Workflow(
      @DefaultValue("true") boolean customerReplyResumesWork,
      @DefaultValue("true") boolean customerReplyReopens) {}

  /**
   * @param resolutionNoticeOnlyFromStaff tell the owner of a resolution only when staff resolved it
   * @param resolutionNoticeRoles the roles whose resolutions tell the owner (empty: every role); the
   *     Comdeall support module's rule is ADMIN
   * @param publishEvents publish each delivered notification as a TicketingNotificationEvent
   *     (a channel of its own, named "events")
   * @param disabled templates for which no notification is produced at all, for example
   *     "ticket-created" (the names of the built-in notification templates; an unknown name fails
   *     the start)
   */
  public record Notifications(
      @DefaultValue("false") boolean resolutionNoticeOnlyFromStaff,
      @DefaultValue List<Role> resolutionNoticeRoles,
      @DefaultValue("true") boolean publishEvents,
      @DefaultValue List<String> disabled) {}

  /**
   * @param maxFileSize largest attachment
   * @param allowedContentTypes content types uploads may declare; empty means the library's default
   *     list
   * @param uploadUrlExpiry validity of upload URLs
   * @param downloadUrlExpiry validity of download URLs
   * @param keyPrefix object key prefix of confirmed attachments (the keys files are served from)
   * @param stagingPrefix object key prefix uploads are written to until confirmation copies them;
   *     never served, and neither prefix may be the start of the other
   * @param confirmationWindow how long after its upload URL expired an upload can still be
   *     confirmed; then it is swept
   * @param sweep removal of expired uploads and of objects nothing refers to any more
   * @param store where attachments are kept without a BlobStore bean or an S3 bucket: AUTO (in
   *     memory only beside the in-memory ticket store; beside a database, start-up fails) or MEMORY
   *     (in memory on purpose)
   */
  public record Attachments(
      @DefaultValue("100MB") DataSize maxFileSize,
      @DefaultValue List<String> allowedContentTypes,
      @DefaultValue("1h") Duration uploadUrlExpiry,
      @DefaultValue("15m") Duration downloadUrlExpiry,
      @DefaultValue("tickets/attachments/") String keyPrefix,
      @DefaultValue("tickets/staging/") String stagingPrefix,
      @DefaultValue("1h") Duration confirmationWindow,
      @DefaultValue Sweep sweep,
      @DefaultValue("AUTO") AttachmentStore store) {}

  /**
   * @param enabled whether this instance sweeps in the background (several instances may; switch
   *     off where another process sweeps)
   * @param interval pause between sweeps
   * @param batchSize grants per unit of work and objects per deletion request (1 to 1000)
   */
  public record Sweep(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5m") Duration interval,
      @DefaultValue("200") int batchSize) {}

  /**
   * @param enabled whether this instance dispatches notifications (switch off on instances that
   *     should only write the outbox)
   * @param owner the name this instance claims outbox rows under; default: random per start
   * @param pollInterval pause between dispatch rounds when no commit woke the dispatcher
   * @param batchSize rows claimed per round
   * @param lease how long a claimed row stays with this instance before others may take it
   * @param maxRetries retries after the first attempt before a delivery becomes a dead letter, per
   *     channel (10: eleven attempts in all)
   * @param initialDelay wait before the first retry
   * @param multiplier growth of the wait before each further retry
   * @param maxDelay longest wait between attempts
   * @param channels retry settings of single channels, by channel name (a notifier bean's name,
   *     "events", or "recipients" for resolving recipients): max-retries, initial-delay,
   *     multiplier, max-delay; what a channel leaves out comes from
   *     the settings above
   */
  public record Outbox(
      @DefaultValue("true") boolean enabled,
      @Nullable String owner,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("50") int batchSize,
      @DefaultValue("5m") Duration lease,
      @DefaultValue("10") int maxRetries,
      @DefaultValue("10s") Duration initialDelay,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("15m") Duration maxDelay,
      @DefaultValue Map<String, ChannelRetry> channels) {

    /** The retry policy of channels without settings of their own. */
    public RetryPolicy retryPolicy() {
      return new RetryPolicy(maxRetries, initialDelay, multiplier, maxDelay);
    }

    /**
     * The retry policy of one channel: its own settings over the common ones. Names match as given,
     * or ignoring case, dashes and underscores (so {@code ticketing-email-notifier} finds the bean
     * {@code ticketingEmailNotifier}).
     */
    public RetryPolicy retryPolicy(String channel) {
      ChannelRetry own = channels.get(channel);
      if (own == null) {
        String wanted = canonical(channel);
        own =
            channels.entrySet().stream()
                .filter(e -> canonical(e.getKey()).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
      }
      if (own == null) {
        return retryPolicy();
      }
      return new RetryPolicy(
          own.maxRetries() != null ? own.maxRetries() : maxRetries,
          own.initialDelay() != null ? own.initialDelay() : initialDelay,
          own.multiplier() != null ? own.multiplier() : multiplier,
          own.maxDelay() != null ? own.maxDelay() : maxDelay);
    }

    private static String canonical(String name) {
      return name.replaceAll("[-_]", "").toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Retry settings of one channel; null ones come from {@code ticketing.outbox.*}.
   *
   * @param maxRetries retries after the first attempt
   * @param initialDelay wait before the first retry
   * @param multiplier growth of the wait before each further retry
   * @param maxDelay longest wait between attempts
   */
  public record ChannelRetry(
      @Nullable Integer maxRetries,
      @Nullable Duration initialDelay,
      @Nullable Double multiplier,
      @Nullable Duration maxDelay) {}

  /**
   * @param retention how long a client's idempotency key is remembered after the write it came
   *     with; a repeat after that is a new request. Expired keys are purged hourly by the
   *     dispatcher.
   */
  public record Idempotency(@DefaultValue("24h") Duration retention) {}

  /**
   * @param deadLetterThreshold dead letters at which the health indicator reports DEGRADED
   * @param backlogThreshold pending notifications at which it reports DEGRADED
   */
  public record Health(
      @DefaultValue("1") long deadLetterThreshold, @DefaultValue("1000") long backlogThreshold) {}

  /**
   * @param authorityPrefix prefix stripped from authorities before role mapping
   * @param userIdClaim token claim holding the user id; default: the authentication's name (a
   *     HostUserLookup bean replaces both)
   * @param companyClaim token claim holding a customer's company id
   * @param emailUserIds whether an authentication name that is an e-mail address may be stored as
   *     the user id; off by default, so that a host whose users log in by e-mail declares a
   *     HostUserLookup bean instead of storing e-mail addresses as owners
   */
  public record Security(
      @DefaultValue("ROLE_") String authorityPrefix,
      @Nullable String userIdClaim,
      @DefaultValue("company_id") String companyClaim,
      @DefaultValue("false") boolean emailUserIds) {}

  /**
   * Hashes the top-level settings only (equal properties still hash alike): Spring hashes every
   * singleton at start-up, where a generated hash would link each nested record's hashing code.
   */
  @Override
  public int hashCode() {
    return Objects.hash(enabled, listLimit, categories);
  }

  /** The engine options these properties describe. */
  TicketingOptions.Builder toOptions() {
    TicketingOptions.Builder b =
        TicketingOptions.defaults().toBuilder()
            .customerReplyResumesWork(workflow.customerReplyResumesWork())
            .customerReplyReopens(workflow.customerReplyReopens())
            .resolutionNoticeOnlyFromStaff(notifications.resolutionNoticeOnlyFromStaff())
            .resolutionNoticeRoles(
                notifications.resolutionNoticeRoles().isEmpty()
                    ? java.util.EnumSet.allOf(Role.class)
                    : notifications.resolutionNoticeRoles())
            .disabledNotifications(
                notifications.disabled().stream().map(NotificationTemplate::of).toList())
            .maxFileSize(attachments.maxFileSize().toBytes())
            .uploadUrlExpiry(attachments.uploadUrlExpiry())
            .downloadUrlExpiry(attachments.downloadUrlExpiry())
            .keyPrefix(attachments.keyPrefix())
            .stagingPrefix(attachments.stagingPrefix())
            .confirmationWindow(attachments.confirmationWindow())
            .listLimit(listLimit)
            .titles(tickets.title())
            .idempotencyKeyRetention(idempotency.retention());
    if (!attachments.allowedContentTypes().isEmpty()) {
      b.allowedContentTypes(attachments.allowedContentTypes());
    }
    if (!categories.isEmpty()) {
      b.categories(categories.stream().map(dev.ticketing.Category::of).toList());
    }
    return b;
  }
}
