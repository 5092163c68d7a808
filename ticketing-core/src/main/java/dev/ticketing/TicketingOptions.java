package dev.ticketing;

import dev.ticketing.policy.Role;
import dev.ticketing.workflow.TransitionTable;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Behaviour switches of the engine. {@link #defaults()} is the behaviour docs/reference.md
 * describes; change it with {@link #toBuilder()}.
 *
 * <p>Long because every option of the engine is here, once, with its documented default and its
 * check, so that a host reads one class to know what it can set.
 *
 * @param transitions the status state machine (default {@link TransitionTable#STANDARD})
 * @param customerReplyResumesWork a customer's public reply on WAITING_FOR_CUSTOMER moves the ticket
 *     to IN_PROGRESS (default on)
 * @param customerReplyReopens a customer's public reply on RESOLVED moves the ticket to REOPENED
 *     (default on)
 * @param resolutionNoticeOnlyFromStaff notify the owner of a resolution only when staff resolved it
 *     (default off: the GraphQL ticket module notifies always)
 * @param resolutionNoticeRoles the roles whose resolutions notify the owner (default every role;
 *     since 0.2.0): the Comdeall support module tells owners only of resolutions by an admin
 * @param categories the categories tickets may have (default the six built-in ones): the subjects of
 *     the default {@link dev.ticketing.spi.SubjectCatalog}; a host that plugs in a catalog of its
 *     own leaves them aside
 * @param maxFileSize largest attachment in bytes (default 104857600)
 * @param allowedContentTypes content types an upload may declare, lower case
 * @param uploadUrlExpiry validity of upload URLs (default 1 hour)
 * @param downloadUrlExpiry validity of {@code fileUrl} download URLs (default 15 minutes)
 * @param keyPrefix object key prefix of attachments (default {@code tickets/attachments/}); files
 *     are served from under it and never uploaded there directly
 * @param stagingPrefix object key prefix uploads are written to before confirmation copies them
 *     under {@code keyPrefix} (default {@code tickets/staging/}); never served. Neither prefix may
 *     be the start of the other
 * @param confirmationWindow how long after its upload URL expired an upload can still be confirmed
 *     (an upload started just before the expiry may end after it; default 1 hour); then the
 *     attachment sweeper removes the grant and whatever was uploaded
 * @param listLimit most tickets the non-paginated lists return (default 500); page with {@link
 *     TicketService#ticketsPaginated} for more
 * @param disabledNotifications the notifications (of {@link NotificationTemplate#builtIns()}) the
 *     engine produces not at all (default none)
 * @param titles whether new tickets need a title, and where it comes from when they have none
 *     (default {@link TitleRule#REQUIRED}; since 0.2.0)
 * @param idempotencyKeyRetention how long a client's idempotency key is remembered after the write
 *     it came with (default 24 hours); a repeat after that is a new request. Expired keys are purged
 *     by the background dispatcher (hourly) or {@code Ticketing.purgeExpiredIdempotencyKeys()}
 * @param tagRules what a tag may be and how many a ticket carries (default {@link
 *     TagRules#defaults()}; since 0.1.0)
 * @param maxFollowers most followers one ticket has (default {@value #DEFAULT_MAX_FOLLOWERS}; since
 *     0.1.0)
 * @param maxCcs most CCs one ticket has (default {@value #DEFAULT_MAX_CCS}; since 0.1.0)
 * @since 0.1.0
 */
public record TicketingOptions(
    TransitionTable transitions,
    boolean customerReplyResumesWork,
    boolean customerReplyReopens,
    boolean resolutionNoticeOnlyFromStaff,
    Set<Role> resolutionNoticeRoles,
    Set<Category> categories,
    long maxFileSize,
    Set<String> allowedContentTypes,
    Duration uploadUrlExpiry,
    Duration downloadUrlExpiry,
    String keyPrefix,
    String stagingPrefix,
    Duration confirmationWindow,
    int listLimit,
    Set<NotificationTemplate> disabledNotifications,
    TitleRule titles,
    Duration idempotencyKeyRetention,
    TagRules tagRules,
    int maxFollowers,
    int maxCcs) {

  /** The default {@link #maxFollowers()}: 20. */
  public static final int DEFAULT_MAX_FOLLOWERS = 20;

  /** The default {@link #maxCcs()}: 20. */
  public static final int DEFAULT_MAX_CCS = 20;

  /** The default {@link #idempotencyKeyRetention()}: 24 hours. */
  public static final Duration DEFAULT_IDEMPOTENCY_KEY_RETENTION = Duration.ofHours(24);

  public static final long DEFAULT_MAX_FILE_SIZE = 104_857_600L;

  /** Content types accepted by default: images, PDF, plain text, CSV, office documents, zip, JSON. */
  public static final Set<String> DEFAULT_CONTENT_TYPES =
      Set.of(
          "image/png",
          "image/jpeg",
          "image/gif",
          "image/webp",
          "application/pdf",
          "text/plain",
          "text/csv",
          "application/json",
          "application/zip",
          "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.ms-excel",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private static final TicketingOptions DEFAULTS = new Builder().build();

  public TicketingOptions {
    Objects.requireNonNull(transitions, "transitions");
    Objects.requireNonNull(titles, "titles");
    categories = Set.copyOf(categories);
    allowedContentTypes = Set.copyOf(allowedContentTypes);
    resolutionNoticeRoles = Set.copyOf(resolutionNoticeRoles);
    disabledNotifications = Set.copyOf(disabledNotifications);
    for (NotificationTemplate template : disabledNotifications) {
      // Switching off a template the engine never produces would silently do nothing.
      if (!NotificationTemplate.builtIns().contains(template)) {
        throw new IllegalArgumentException(
            "unknown notification template '"
                + template
                + "'; known: "
                + NotificationTemplate.builtIns());
      }
    }
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("at least one category is needed");
    }
    if (maxFileSize < 1) {
      throw new IllegalArgumentException("maxFileSize must be positive");
    }
    if (uploadUrlExpiry.isNegative()
        || uploadUrlExpiry.isZero()
        || downloadUrlExpiry.isNegative()
        || downloadUrlExpiry.isZero()) {
      throw new IllegalArgumentException("URL expiries must be positive");
    }
    if (listLimit < 1) {
      throw new IllegalArgumentException("listLimit must be positive");
    }
    Objects.requireNonNull(idempotencyKeyRetention, "idempotencyKeyRetention");
    if (idempotencyKeyRetention.isNegative() || idempotencyKeyRetention.isZero()) {
      throw new IllegalArgumentException("idempotencyKeyRetention must be positive");
    }
    if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
      throw new IllegalArgumentException("keyPrefix must be empty or end with '/'");
    }
    if (keyPrefix.length() > 200) {
      // Keys are prefix + ticket id (128) + 25 + file name (255 bytes): S3 allows 1024 bytes.
      throw new IllegalArgumentException("keyPrefix must be at most 200 characters");
    }
    if (stagingPrefix.isEmpty() || !stagingPrefix.endsWith("/") || stagingPrefix.length() > 200) {
      throw new IllegalArgumentException(
          "stagingPrefix must end with '/' and have 1 to 200 characters");
    }
    if (stagingPrefix.startsWith(keyPrefix) || keyPrefix.startsWith(stagingPrefix)) {
      // A staged upload must never be under a served key, nor a served key look like a staged one.
      throw new IllegalArgumentException(
          "stagingPrefix '"
              + stagingPrefix
              + "' and keyPrefix '"
              + keyPrefix
              + "' must not be the start of one another");
    }
    Objects.requireNonNull(tagRules, "tagRules");
    if (maxFollowers < 1 || maxFollowers > 100 || maxCcs < 1 || maxCcs > 100) {
      throw new IllegalArgumentException("maxFollowers and maxCcs must be 1 to 100");
    }
    if (confirmationWindow.isNegative()) {
      throw new IllegalArgumentException("confirmationWindow must not be negative");
    }
  }

  /** Whether the engine produces notifications of this template. */
  public boolean notifies(NotificationTemplate template) {
    return !disabledNotifications.contains(template);
  }

  public static TicketingOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.transitions = transitions;
    b.customerReplyResumesWork = customerReplyResumesWork;
    b.customerReplyReopens = customerReplyReopens;
    b.resolutionNoticeOnlyFromStaff = resolutionNoticeOnlyFromStaff;
    b.resolutionNoticeRoles = EnumSet.copyOf(resolutionNoticeRoles);
    b.categories = new LinkedHashSet<>(categories);
    b.maxFileSize = maxFileSize;
    b.allowedContentTypes = new LinkedHashSet<>(allowedContentTypes);
    b.uploadUrlExpiry = uploadUrlExpiry;
    b.downloadUrlExpiry = downloadUrlExpiry;
    b.keyPrefix = keyPrefix;
    b.stagingPrefix = stagingPrefix;
    b.confirmationWindow = confirmationWindow;
    b.listLimit = listLimit;
    b.disabledNotifications = new LinkedHashSet<>(disabledNotifications);
    b.titles = titles;
    b.idempotencyKeyRetention = idempotencyKeyRetention;
    b.tagRules = tagRules;
    b.maxFollowers = maxFollowers;
    b.maxCcs = maxCcs;
    return b;
  }

  /** Builder of {@link TicketingOptions}, starting from the defaults. */
  public static final class Builder {
    private TransitionTable transitions = TransitionTable.STANDARD;
    private boolean customerReplyResumesWork = true;
    private boolean customerReplyReopens = true;
    private boolean resolutionNoticeOnlyFromStaff = false;
    private Set<Role> resolutionNoticeRoles = EnumSet.allOf(Role.class);
    private Set<Category> categories = new LinkedHashSet<>(Category.BUILT_IN);
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private Set<String> allowedContentTypes = new LinkedHashSet<>(DEFAULT_CONTENT_TYPES);
    private Duration uploadUrlExpiry = Duration.ofHours(1);
    private Duration downloadUrlExpiry = Duration.ofMinutes(15);
    private String keyPrefix = "tickets/attachments/";
    private String stagingPrefix = "tickets/staging/";
    private Duration confirmationWindow = Duration.ofHours(1);
    private int listLimit = 500;
    private Set<NotificationTemplate> disabledNotifications = new LinkedHashSet<>();
    private TitleRule titles = TitleRule.REQUIRED;
    private Duration idempotencyKeyRetention = DEFAULT_IDEMPOTENCY_KEY_RETENTION;
    private TagRules tagRules = TagRules.defaults();
    private int maxFollowers = DEFAULT_MAX_FOLLOWERS;
    private int maxCcs = DEFAULT_MAX_CCS;

    private Builder() {}

    /** What a tag may be (default {@link TagRules#defaults()}); since 0.1.0. */
    public Builder tagRules(TagRules v) {
      tagRules = Objects.requireNonNull(v, "tagRules");
      return this;
    }

    /** Most followers of one ticket (default 20); since 0.1.0. */
    public Builder maxFollowers(int v) {
      maxFollowers = v;
      return this;
    }

    /** Most CCs of one ticket (default 20); since 0.1.0. */
    public Builder maxCcs(int v) {
      maxCcs = v;
      return this;
    }

    public Builder transitions(TransitionTable v) {
      transitions = v;
      return this;
    }

    public Builder customerReplyResumesWork(boolean v) {
      customerReplyResumesWork = v;
      return this;
    }

    public Builder customerReplyReopens(boolean v) {
      customerReplyReopens = v;
      return this;
    }

    public Builder resolutionNoticeOnlyFromStaff(boolean v) {
      resolutionNoticeOnlyFromStaff = v;
      return this;
    }

    /**
     * The roles whose resolutions notify the ticket's owner (default every role); at least one.
     *
     * @since 0.2.0
     */
    public Builder resolutionNoticeRoles(Collection<Role> v) {
      if (v.isEmpty()) {
        throw new IllegalArgumentException(
            "resolutionNoticeRoles needs at least one role; disable the "
                + "support-ticket-resolved notification instead");
      }
      resolutionNoticeRoles = EnumSet.copyOf(v);
      return this;
    }

    /** Replaces the categories (the Comdeall support module's predefined subjects). */
    public Builder categories(Collection<Category> v) {
      categories = new LinkedHashSet<>(v);
      return this;
    }

    /** Adds categories to the current ones. */
    public Builder addCategories(Category... v) {
      categories.addAll(Set.of(v));
      return this;
    }

    public Builder maxFileSize(long v) {
      maxFileSize = v;
      return this;
    }

    public Builder allowedContentTypes(Collection<String> v) {
      allowedContentTypes = new LinkedHashSet<>();
      v.forEach(t -> allowedContentTypes.add(t.toLowerCase(Locale.ROOT)));
      return this;
    }

    public Builder uploadUrlExpiry(Duration v) {
      uploadUrlExpiry = v;
      return this;
    }

    public Builder downloadUrlExpiry(Duration v) {
      downloadUrlExpiry = v;
      return this;
    }

    public Builder keyPrefix(String v) {
      keyPrefix = v;
      return this;
    }

    public Builder stagingPrefix(String v) {
      stagingPrefix = v;
      return this;
    }

    public Builder confirmationWindow(Duration v) {
      confirmationWindow = v;
      return this;
    }

    public Builder listLimit(int v) {
      listLimit = v;
      return this;
    }

    /**
     * Switches one notification off: the engine produces nothing for this template (one of {@link
     * NotificationTemplate#builtIns()}, for example {@link NotificationTemplate#TICKET_CREATED}).
     */
    public Builder disableNotification(NotificationTemplate template) {
      disabledNotifications.add(Objects.requireNonNull(template, "template"));
      return this;
    }

    /**
     * Replaces the switched-off notifications (of {@link NotificationTemplate#builtIns()}); empty
     * switches every one on.
     */
    public Builder disabledNotifications(Collection<NotificationTemplate> v) {
      disabledNotifications = new LinkedHashSet<>(v);
      return this;
    }

    /**
     * Whether new tickets need a title (default {@link TitleRule#REQUIRED}), or may leave it out and
     * get one from their subject or description.
     *
     * @since 0.2.0
     */
    public Builder titles(TitleRule v) {
      titles = Objects.requireNonNull(v, "titles");
      return this;
    }

    /** How long idempotency keys are remembered (default 24 hours). */
    public Builder idempotencyKeyRetention(Duration v) {
      idempotencyKeyRetention = v;
      return this;
    }

    public TicketingOptions build() {
      return new TicketingOptions(
          transitions,
          customerReplyResumesWork,
          customerReplyReopens,
          resolutionNoticeOnlyFromStaff,
          resolutionNoticeRoles,
          categories,
          maxFileSize,
          allowedContentTypes,
          uploadUrlExpiry,
          downloadUrlExpiry,
          keyPrefix,
          stagingPrefix,
          confirmationWindow,
          listLimit,
          disabledNotifications,
          titles,
          idempotencyKeyRetention,
          tagRules,
          maxFollowers,
          maxCcs);
    }
  }
}
