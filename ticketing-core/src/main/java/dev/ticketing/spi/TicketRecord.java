package dev.ticketing.spi;

import dev.ticketing.Category;
import dev.ticketing.FieldValue;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.policy.TicketFacts;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A ticket as stores keep it. Ids only: users and companies belong to the host.
 *
 * @param createdBy the user who raised the ticket: the requester, or a staff member who raised it on
 *     the requester's behalf (the audit log keeps it either way)
 * @param statusBeforeDelete the status a soft-deleted ticket returns to when restored
 * @param version optimistic-locking version: 0 when inserted, +1 on every update
 * @param requesterId the user the ticket is for, who owns it: it decides "own" visibility, is told of
 *     its progress and lists it in "my tickets"; the creator when nobody else was named
 * @param tags the ticket's tags, normalised by the engine, sorted, each once
 * @param followerIds staff members told of every change of the ticket, sorted, each once
 * @param ccIds customers of the ticket's company copied on it: they see and reply to it (never its
 *     internal notes), sorted, each once
 * @param fields custom field values by field key, checked by the engine against their definitions;
 *     sorted by key (since 0.2.0)
 * @since 0.1.0
 */
public record TicketRecord(
    String id,
    String companyId,
    String createdBy,
    String title,
    String description,
    Status status,
    Priority priority,
    Category category,
    @Nullable String assigneeId,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant resolvedAt,
    @Nullable Instant closedAt,
    @Nullable Instant deletedAt,
    @Nullable String deletedBy,
    @Nullable Status statusBeforeDelete,
    long version,
    String requesterId,
    List<String> tags,
    List<String> followerIds,
    List<String> ccIds,
    Map<String, FieldValue> fields)
    implements TicketFacts {

  public TicketRecord {
    Objects.requireNonNull(requesterId, "requesterId");
    tags = sortedSet(tags);
    followerIds = sortedSet(followerIds);
    ccIds = sortedSet(ccIds);
    fields = Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  /** A ticket without custom field values. */
  public TicketRecord(
      String id,
      String companyId,
      String createdBy,
      String title,
      String description,
      Status status,
      Priority priority,
      Category category,
      @Nullable String assigneeId,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant resolvedAt,
      @Nullable Instant closedAt,
      @Nullable Instant deletedAt,
      @Nullable String deletedBy,
      @Nullable Status statusBeforeDelete,
      long version,
      String requesterId,
      List<String> tags,
      List<String> followerIds,
      List<String> ccIds) {
    this(
        id,
        companyId,
        createdBy,
        title,
        description,
        status,
        priority,
        category,
        assigneeId,
        createdAt,
        updatedAt,
        resolvedAt,
        closedAt,
        deletedAt,
        deletedBy,
        statusBeforeDelete,
        version,
        requesterId,
        tags,
        followerIds,
        ccIds,
        Map.of());
  }

  /** A ticket its creator requested, without tags, followers or CCs. */
  public TicketRecord(
      String id,
      String companyId,
      String createdBy,
      String title,
      String description,
      Status status,
      Priority priority,
      Category category,
      @Nullable String assigneeId,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant resolvedAt,
      @Nullable Instant closedAt,
      @Nullable Instant deletedAt,
      @Nullable String deletedBy,
      @Nullable Status statusBeforeDelete,
      long version) {
    this(
        id,
        companyId,
        createdBy,
        title,
        description,
        status,
        priority,
        category,
        assigneeId,
        createdAt,
        updatedAt,
        resolvedAt,
        closedAt,
        deletedAt,
        deletedBy,
        statusBeforeDelete,
        version,
        createdBy,
        List.of(),
        List.of(),
        List.of());
  }

  private static List<String> sortedSet(Collection<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /** A builder starting from this record, to derive a changed copy. */
  public Builder edit() {
    return new Builder(this);
  }

  /** Mutable copy of a {@link TicketRecord}. */
  public static final class Builder {
    private final String id;
    private final String companyId;
    private final String createdBy;
    private final Instant createdAt;
    private String title;
    private String description;
    private Status status;
    private Priority priority;
    private Category category;
    private @Nullable String assigneeId;
    private Instant updatedAt;
    private @Nullable Instant resolvedAt;
    private @Nullable Instant closedAt;
    private @Nullable Instant deletedAt;
    private @Nullable String deletedBy;
    private @Nullable Status statusBeforeDelete;
    private long version;
    private String requesterId;
    private List<String> tags;
    private List<String> followerIds;
    private List<String> ccIds;
    private Map<String, FieldValue> fields;

    private Builder(TicketRecord t) {
      id = t.id;
      companyId = t.companyId;
      createdBy = t.createdBy;
      createdAt = t.createdAt;
      title = t.title;
      description = t.description;
      status = t.status;
      priority = t.priority;
      category = t.category;
      assigneeId = t.assigneeId;
      updatedAt = t.updatedAt;
      resolvedAt = t.resolvedAt;
      closedAt = t.closedAt;
      deletedAt = t.deletedAt;
      deletedBy = t.deletedBy;
      statusBeforeDelete = t.statusBeforeDelete;
      version = t.version;
      requesterId = t.requesterId;
      tags = t.tags;
      followerIds = t.followerIds;
      ccIds = t.ccIds;
      fields = t.fields;
    }

    /**
     * Custom field values by key.
     *
     * @since 0.2.0
     */
    public Builder fields(Map<String, FieldValue> v) {
      fields = Map.copyOf(v);
      return this;
    }

    public Builder requesterId(String v) {
      requesterId = v;
      return this;
    }

    public Builder tags(Collection<String> v) {
      tags = List.copyOf(v);
      return this;
    }

    public Builder followerIds(Collection<String> v) {
      followerIds = List.copyOf(v);
      return this;
    }

    public Builder ccIds(Collection<String> v) {
      ccIds = List.copyOf(v);
      return this;
    }

    public Builder title(String v) {
      title = v;
      return this;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    public Builder status(Status v) {
      status = v;
      return this;
    }

    public Builder priority(Priority v) {
      priority = v;
      return this;
    }

    public Builder category(Category v) {
      category = v;
      return this;
    }

    public Builder assigneeId(@Nullable String v) {
      assigneeId = v;
      return this;
    }

    public Builder updatedAt(Instant v) {
      updatedAt = v;
      return this;
    }

    public Builder resolvedAt(@Nullable Instant v) {
      resolvedAt = v;
      return this;
    }

    public Builder closedAt(@Nullable Instant v) {
      closedAt = v;
      return this;
    }

    public Builder deletedAt(@Nullable Instant v) {
      deletedAt = v;
      return this;
    }

    public Builder deletedBy(@Nullable String v) {
      deletedBy = v;
      return this;
    }

    public Builder statusBeforeDelete(@Nullable Status v) {
      statusBeforeDelete = v;
      return this;
    }

    public Builder version(long v) {
      version = v;
      return this;
    }

    public TicketRecord build() {
      return new TicketRecord(
          id,
          companyId,
          createdBy,
          title,
          description,
          status,
          priority,
          category,
          assigneeId,
          createdAt,
          updatedAt,
          resolvedAt,
          closedAt,
          deletedAt,
          deletedBy,
          statusBeforeDelete,
          version,
          requesterId,
          tags,
          followerIds,
          ccIds,
          fields);
    }
  }
}
