package dev.ticketing;

import dev.ticketing.sla.SlaStanding;
import dev.ticketing.validation.Id;
import dev.ticketing.validation.Text;
import dev.ticketing.validation.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Narrows a listing; every null component means "any". Filters apply on top of what the actor may
 * see: they never widen it.
 *
 * @param status only tickets in this status
 * @param priority only tickets of this priority
 * @param category only tickets of this category
 * @param companyId only tickets of this company
 * @param assignedToId only tickets assigned to this user
 * @param unassigned true: only tickets with no assignee; false: only assigned ones
 * @param createdBy only tickets created by this user
 * @param createdFrom only tickets created at or after this instant
 * @param createdTo only tickets created before this instant
 * @param searchTerm case-insensitive substring of title or description (for staff, also of comment
 *     text they may see); 1 to 200 characters
 * @param includeDeleted include soft-deleted tickets (admins only)
 * @param requesterId only tickets this user requested (owns) (since 0.1.0)
 * @param fields only tickets whose custom field values meet every condition, at most 10; a
 *     customer may name only fields visible to customers (empty: any; since 0.2.0)
 * @param tags only tickets carrying these tags, as {@code tagMatch} says; normalised like tags
 *     themselves, at most {@link TagRules#maxPerFilter()} (null or empty: any; staff only, since
 *     0.1.0)
 * @param tagMatch whether a ticket needs {@link TagMatch#ANY any} of the tags (default) or {@link
 *     TagMatch#ALL all} of them (since 0.1.0)
 * @param slaStanding only tickets standing so against their service levels when listed, as {@link
 *     SlaStanding#of} decides from their clocks (null: any; since 0.2.0)
 * @since 0.1.0
 */
public record TicketFilter(
    @Nullable Status status,
    @Nullable Priority priority,
    @Nullable Category category,
    @Id(optional = true) @Nullable String companyId,
    @Id(optional = true) @Nullable String assignedToId,
    @Nullable Boolean unassigned,
    @Id(optional = true) @Nullable String createdBy,
    @Timestamp @Nullable Instant createdFrom,
    @Timestamp @Nullable Instant createdTo,
    @Text(max = 200, optional = true) @Nullable String searchTerm,
    boolean includeDeleted,
    @Id(optional = true) @Nullable String requesterId,
    List<String> tags,
    TagMatch tagMatch,
    List<FieldCondition> fields,
    @Nullable SlaStanding slaStanding) {

  public TicketFilter {
    // Null elements stay, for the engine to name them as violations.
    tags = tags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tags));
    tagMatch = tagMatch == null ? TagMatch.ANY : tagMatch;
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /**
   * A filter without an SLA standing.
   *
   * @since 0.2.0
   */
  public TicketFilter(
      @Nullable Status status,
      @Nullable Priority priority,
      @Nullable Category category,
      @Nullable String companyId,
      @Nullable String assignedToId,
      @Nullable Boolean unassigned,
      @Nullable String createdBy,
      @Nullable Instant createdFrom,
      @Nullable Instant createdTo,
      @Nullable String searchTerm,
      boolean includeDeleted,
      @Nullable String requesterId,
      List<String> tags,
      TagMatch tagMatch,
      List<FieldCondition> fields) {
    this(
        status,
        priority,
        category,
        companyId,
        assignedToId,
        unassigned,
        createdBy,
        createdFrom,
        createdTo,
        searchTerm,
        includeDeleted,
        requesterId,
        tags,
        tagMatch,
        fields,
        null);
  }

  /** A filter without custom field conditions. */
  public TicketFilter(
      @Nullable Status status,
      @Nullable Priority priority,
      @Nullable Category category,
      @Nullable String companyId,
      @Nullable String assignedToId,
      @Nullable Boolean unassigned,
      @Nullable String createdBy,
      @Nullable Instant createdFrom,
      @Nullable Instant createdTo,
      @Nullable String searchTerm,
      boolean includeDeleted,
      @Nullable String requesterId,
      List<String> tags,
      TagMatch tagMatch) {
    this(
        status,
        priority,
        category,
        companyId,
        assignedToId,
        unassigned,
        createdBy,
        createdFrom,
        createdTo,
        searchTerm,
        includeDeleted,
        requesterId,
        tags,
        tagMatch,
        List.of());
  }

  /** A filter without requester or tags. */
  public TicketFilter(
      @Nullable Status status,
      @Nullable Priority priority,
      @Nullable Category category,
      @Nullable String companyId,
      @Nullable String assignedToId,
      @Nullable Boolean unassigned,
      @Nullable String createdBy,
      @Nullable Instant createdFrom,
      @Nullable Instant createdTo,
      @Nullable String searchTerm,
      boolean includeDeleted) {
    this(
        status,
        priority,
        category,
        companyId,
        assignedToId,
        unassigned,
        createdBy,
        createdFrom,
        createdTo,
        searchTerm,
        includeDeleted,
        null,
        List.of(),
        TagMatch.ANY);
  }

  private static final TicketFilter NONE = new Builder().build();

  /** No filter at all. */
  public static TicketFilter none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.status = status;
    b.priority = priority;
    b.category = category;
    b.companyId = companyId;
    b.assignedToId = assignedToId;
    b.unassigned = unassigned;
    b.createdBy = createdBy;
    b.createdFrom = createdFrom;
    b.createdTo = createdTo;
    b.searchTerm = searchTerm;
    b.includeDeleted = includeDeleted;
    b.requesterId = requesterId;
    b.tags = tags;
    b.tagMatch = tagMatch;
    b.fields = fields;
    b.slaStanding = slaStanding;
    return b;
  }

  /** Builder of a {@link TicketFilter}. */
  public static final class Builder {
    private @Nullable Status status;
    private @Nullable Priority priority;
    private @Nullable Category category;
    private @Nullable String companyId;
    private @Nullable String assignedToId;
    private @Nullable Boolean unassigned;
    private @Nullable String createdBy;
    private @Nullable Instant createdFrom;
    private @Nullable Instant createdTo;
    private @Nullable String searchTerm;
    private boolean includeDeleted;
    private @Nullable String requesterId;
    private List<String> tags = List.of();
    private TagMatch tagMatch = TagMatch.ANY;
    private List<FieldCondition> fields = List.of();
    private @Nullable SlaStanding slaStanding;

    private Builder() {}

    /**
     * Only tickets standing so against their service levels.
     *
     * @since 0.2.0
     */
    public Builder slaStanding(@Nullable SlaStanding v) {
      slaStanding = v;
      return this;
    }

    /**
     * Only tickets whose custom fields meet every one of these conditions.
     *
     * @since 0.2.0
     */
    public Builder fields(@Nullable List<FieldCondition> v) {
      fields = v == null ? List.of() : v;
      return this;
    }

    /**
     * Only tickets this user requested.
     *
     * @since 0.1.0
     */
    public Builder requesterId(@Nullable String v) {
      requesterId = v;
      return this;
    }

    /**
     * Only tickets carrying any (or, with {@link #tagMatch}, all) of these tags.
     *
     * @since 0.1.0
     */
    public Builder tags(@Nullable List<String> v) {
      tags = v == null ? List.of() : v;
      return this;
    }

    /**
     * Whether a ticket needs any of the tags (default) or all of them.
     *
     * @since 0.1.0
     */
    public Builder tagMatch(@Nullable TagMatch v) {
      tagMatch = v == null ? TagMatch.ANY : v;
      return this;
    }

    public Builder status(@Nullable Status v) {
      status = v;
      return this;
    }

    public Builder priority(@Nullable Priority v) {
      priority = v;
      return this;
    }

    public Builder category(@Nullable Category v) {
      category = v;
      return this;
    }

    public Builder companyId(@Nullable String v) {
      companyId = v;
      return this;
    }

    public Builder assignedToId(@Nullable String v) {
      assignedToId = v;
      return this;
    }

    public Builder unassigned(@Nullable Boolean v) {
      unassigned = v;
      return this;
    }

    public Builder createdBy(@Nullable String v) {
      createdBy = v;
      return this;
    }

    public Builder createdFrom(@Nullable Instant v) {
      createdFrom = v;
      return this;
    }

    public Builder createdTo(@Nullable Instant v) {
      createdTo = v;
      return this;
    }

    public Builder searchTerm(@Nullable String v) {
      searchTerm = v;
      return this;
    }

    public Builder includeDeleted(boolean v) {
      includeDeleted = v;
      return this;
    }

    public TicketFilter build() {
      return new TicketFilter(
          status,
          priority,
          category,
          companyId,
          assignedToId,
          unassigned,
          createdBy,
          createdFrom,
          createdTo,
          searchTerm,
          includeDeleted,
          requesterId,
          tags,
          tagMatch,
          fields,
          slaStanding);
    }
  }
}
