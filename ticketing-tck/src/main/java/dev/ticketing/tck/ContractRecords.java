package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.FieldChange;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.Role;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The records the store contracts write: tickets, comments, attachments, upload grants, audit
 * entries and notification requests built from fresh ids at fixed instants, the queries the
 * contracts list them with, and the statistics a store must compute over them.
 *
 * @since 0.1.0
 */
public abstract class ContractRecords extends MicrosecondRecords {

  /** The base instant of the fixtures: microsecond precision, as SQL timestamp columns keep. */
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");

  /**
   * Outbox "now": after every {@code occurredAt} the suite writes and after the wall clock, yet
   * (with the at most 400 days the suite adds to it) before 2038, so that 32-bit timestamp columns
   * are not what a store fails on.
   */
  protected static final Instant LATER = Instant.parse("2036-01-01T08:00:00.000001Z");

  /** The largest page the suite asks for (the service never asks for more). */
  protected static final int MAX_LIMIT = 100;

  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected static final Comparator<TicketRecord> NEWEST_FIRST =
      Comparator.comparing(TicketRecord::createdAt).thenComparing(TicketRecord::id).reversed();

  protected static final Comparator<TicketRecord> OLDEST_FIRST =
      Comparator.comparing(TicketRecord::createdAt).thenComparing(TicketRecord::id);

  /** For the contracts, which extend it. */
  protected ContractRecords() {}

  /** The value a store returned for {@code key}; fails the test when it returned none. */
  protected static <K, V> V present(Map<K, V> returned, K key) {
    V value = returned.get(key);
    assertThat(value).as("the value returned for %s", key).isNotNull();
    return Objects.requireNonNull(value);
  }

  /** A new random id, as the default id generator would make. */
  protected static String newId() {
    return UUID.randomUUID().toString();
  }

  /** {@code n} fresh ids in ascending order. */
  protected static List<String> sortedIds(int n) {
    return IntStream.range(0, n).mapToObj(i -> newId()).sorted().toList();
  }

  /** An OPEN, MEDIUM, TECHNICAL, unassigned ticket created at {@code createdAt}. */
  protected static TicketRecord ticket(String companyId, String createdBy, Instant createdAt) {
    return ticketWithId(newId(), companyId, createdBy, createdAt);
  }

  protected static TicketRecord ticketWithId(
      String id, String companyId, String createdBy, Instant createdAt) {
    return new TicketRecord(
        id,
        companyId,
        createdBy,
        "Printer on floor 3 is jammed",
        "It shows error E-42 after every second page.",
        Status.OPEN,
        Priority.MEDIUM,
        Category.TECHNICAL,
        null,
        createdAt,
        createdAt,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  protected static CommentRecord comment(
      String ticketId, String authorId, String content, boolean internal, Instant at) {
    return new CommentRecord(newId(), ticketId, authorId, content, internal, null, at, at);
  }

  protected static CommentRecord withExternalId(CommentRecord c, String externalId) {
    return new CommentRecord(
        c.id(),
        c.ticketId(),
        c.authorId(),
        c.content(),
        c.internal(),
        externalId,
        c.createdAt(),
        c.updatedAt());
  }

  protected static AttachmentRecord attachment(
      String ticketId, @Nullable String commentId, boolean internal, String fileName, Instant at) {
    return new AttachmentRecord(
        newId(),
        ticketId,
        commentId,
        internal,
        objectKey(ticketId, fileName),
        fileName,
        contentType(fileName),
        1_024L + fileName.length(),
        "uploader-" + ticketId.substring(0, 8),
        at);
  }

  protected static UploadGrant grant(String ticketId, String issuedTo, String fileName) {
    return grant(ticketId, issuedTo, fileName, T0.plusSeconds(7_300));
  }

  protected static UploadGrant grant(
      String ticketId, String issuedTo, String fileName, Instant expiresAt) {
    return new UploadGrant(
        objectKey(ticketId, fileName),
        "tickets/staging/" + newId(),
        ticketId,
        issuedTo,
        fileName,
        contentType(fileName),
        48_213L,
        T0.plusSeconds(100),
        expiresAt);
  }

  protected static AuditEntry audit(String ticketId, AuditAction action, Instant at) {
    return new AuditEntry(
        newId(),
        ticketId,
        action,
        "actor-" + ticketId.substring(0, 8),
        Role.ADMIN,
        at,
        List.of(new FieldChange("status", null, "OPEN")));
  }

  /** A notification request of the ticket for its owner, as a change writes it to the outbox. */
  protected static NotificationRequest notification(String ticketId, Instant occurredAt) {
    return notificationWithId(newId(), ticketId, occurredAt, null);
  }

  protected static NotificationRequest notificationWithId(
      String id, String ticketId, Instant occurredAt, @Nullable String commentId) {
    return new NotificationRequest(
        id,
        NotificationTemplate.TICKET_RESOLVED,
        List.of(Recipient.owner("recipient-" + id.substring(0, 8))),
        ticketId,
        commentId,
        "actor-" + ticketId.substring(0, 8),
        occurredAt,
        Map.of(
            "ticketTitle",
            "Printer on floor 3 is jammed",
            "status",
            "RESOLVED",
            "comment",
            "Fixed: l'imprimante 🖨️ marche"));
  }

  protected static String objectKey(String ticketId, String fileName) {
    return "tickets/attachments/" + ticketId + "/" + newId().replace("-", "") + "/" + fileName;
  }

  protected static String contentType(String fileName) {
    if (fileName.endsWith(".pdf")) {
      return "application/pdf";
    } else if (fileName.endsWith(".png")) {
      return "image/png";
    } else if (fileName.endsWith(".jpg")) {
      return "image/jpeg";
    }
    return "text/plain";
  }

  /** What {@link TicketStore#stats} must return, computed over the fixture. */
  protected static TicketStats expectedStats(
      Collection<TicketRecord> tickets, VisibilityScope scope, @Nullable String companyId) {
    List<TicketRecord> in =
        tickets.stream()
            .filter(
                t ->
                    !t.deleted()
                        && scope.matches(t)
                        && (companyId == null || companyId.equals(t.companyId())))
            .toList();
    Map<Status, Long> byStatus =
        in.stream().collect(Collectors.groupingBy(TicketRecord::status, Collectors.counting()));
    List<TicketRecord> active = in.stream().filter(t -> t.status().isActive()).toList();
    return new TicketStats(
        in.size(),
        byStatus.getOrDefault(Status.OPEN, 0L),
        byStatus.getOrDefault(Status.IN_PROGRESS, 0L),
        byStatus.getOrDefault(Status.WAITING_FOR_CUSTOMER, 0L),
        byStatus.getOrDefault(Status.RESOLVED, 0L),
        byStatus.getOrDefault(Status.CLOSED, 0L),
        byStatus.getOrDefault(Status.CANCELLED, 0L),
        byStatus.getOrDefault(Status.REOPENED, 0L),
        active.stream().filter(t -> t.priority() == Priority.URGENT).count(),
        active.stream().filter(t -> t.priority() == Priority.HIGH).count(),
        active.stream().filter(t -> t.assigneeId() == null).count());
  }

  protected static TicketQuery everything() {
    return query(VisibilityScope.EVERYTHING, TicketFilter.none());
  }

  protected static TicketQuery query(VisibilityScope scope, TicketFilter filter) {
    return query(scope, filter, CommentSearch.NONE);
  }

  protected static TicketQuery query(
      VisibilityScope scope, TicketFilter filter, CommentSearch commentSearch) {
    return new TicketQuery(scope, filter, commentSearch, SortOrder.NEWEST_FIRST, null, MAX_LIMIT);
  }

  protected static TicketQuery query(
      VisibilityScope scope,
      TicketFilter filter,
      SortOrder order,
      @Nullable Keyset after,
      int limit) {
    return new TicketQuery(scope, filter, CommentSearch.NONE, order, after, limit);
  }

  protected static List<String> ids(List<TicketRecord> tickets) {
    return tickets.stream().map(TicketRecord::id).toList();
  }

  protected static Map<String, TicketRecord> byId(Collection<TicketRecord> tickets) {
    return tickets.stream().collect(Collectors.toMap(TicketRecord::id, t -> t));
  }

  /** {@code s} repeated until the text is at least {@code minLength} characters long. */
  protected static String repeat(String s, int minLength) {
    StringBuilder b = new StringBuilder();
    while (b.length() < minLength) {
      b.append(s);
    }
    return b.toString();
  }
}
