package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import dev.ticketing.validation.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#createTicket}. The GraphQL ticket module's {@code
 * createTicketInput}.
 *
 * @param title 1 to 200 characters after trimming; may be null only where {@link
 *     TicketingOptions#titles()} is not {@link TitleRule#REQUIRED}, and is then derived
 * @param description 1 to 10,000 characters after trimming
 * @param priority defaults to {@link Priority#MEDIUM} when null
 * @param category the subject's id; defaults to {@link Category#GENERAL} when null; must be an
 *     active subject of the {@link dev.ticketing.spi.SubjectCatalog}
 * @param companyId the tenant; customers may only name their own company, and may omit it
 * @param idempotencyKey optional client key (the {@code Idempotency-Key} header): a repeat with the
 *     same key and input returns the ticket the first call created instead of creating another
 * @param requesterId the customer the ticket is for, when staff raise it on their behalf: a customer
 *     of {@code companyId}, and the policy must allow it ({@link
 *     dev.ticketing.policy.Operation#RAISE_ON_BEHALF}); null (or the actor's own id) for the actor
 *     themselves. Customers never name anyone else
 * @param tags tags to start with, normalised as {@link TagRules} says (null: none); needs {@link
 *     dev.ticketing.policy.Operation#TAG_TICKET} on the new ticket
 * @param ccIds customers of {@code companyId} to copy on the ticket (null: none); needs {@link
 *     dev.ticketing.policy.Operation#MANAGE_CCS} on the new ticket
 * @param fields custom field values to start with, by field key, as {@link CustomFieldService}
 *     describes (null: none); required fields of the ticket's subject must be given (since 0.2.0)
 * @since 0.1.0
 */
public record CreateTicket(
    // Whether null is allowed depends on the configured TitleRule: the service checks it.
    @Text(max = 200, optional = true) @Nullable String title,
    @Text(max = 10_000) @Nullable String description,
    @Nullable Priority priority,
    @Nullable Category category,
    @Id(optional = true) @Nullable String companyId,
    @IdempotencyKey @Nullable String idempotencyKey,
    @Id(optional = true) @Nullable String requesterId,
    @Nullable List<String> tags,
    @Nullable List<String> ccIds,
    @Nullable Map<String, Object> fields) {

  public CreateTicket {
    tags = tags == null ? null : Collections.unmodifiableList(new ArrayList<>(tags));
    ccIds = ccIds == null ? null : Collections.unmodifiableList(new ArrayList<>(ccIds));
    fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Without custom field values. */
  public CreateTicket(
      @Nullable String title,
      @Nullable String description,
      @Nullable Priority priority,
      @Nullable Category category,
      @Nullable String companyId,
      @Nullable String idempotencyKey,
      @Nullable String requesterId,
      @Nullable List<String> tags,
      @Nullable List<String> ccIds) {
    this(
        title,
        description,
        priority,
        category,
        companyId,
        idempotencyKey,
        requesterId,
        tags,
        ccIds,
        null);
  }

  /**
   * The same input with custom field values to start with.
   *
   * @since 0.2.0
   */
  public CreateTicket withFields(@Nullable Map<String, Object> values) {
    return new CreateTicket(
        title,
        description,
        priority,
        category,
        companyId,
        idempotencyKey,
        requesterId,
        tags,
        ccIds,
        values);
  }

  /** Without a requester, tags or CCs. */
  public CreateTicket(
      @Nullable String title,
      @Nullable String description,
      @Nullable Priority priority,
      @Nullable Category category,
      @Nullable String companyId,
      @Nullable String idempotencyKey) {
    this(title, description, priority, category, companyId, idempotencyKey, null, null, null);
  }

  /** Without an idempotency key. */
  public CreateTicket(
      @Nullable String title,
      @Nullable String description,
      @Nullable Priority priority,
      @Nullable Category category,
      @Nullable String companyId) {
    this(title, description, priority, category, companyId, null);
  }

  public static CreateTicket of(String title, String description, String companyId) {
    return new CreateTicket(title, description, null, null, companyId);
  }

  /**
   * A ticket without a title, about a subject, for hosts whose {@link TitleRule} derives titles.
   *
   * @since 0.2.0
   */
  public static CreateTicket untitled(
      Category subject, String description, @Nullable String companyId) {
    return new CreateTicket(null, description, null, subject, companyId);
  }

  /** The same input with a client's idempotency key (null for none). */
  public CreateTicket withIdempotencyKey(@Nullable String key) {
    return new CreateTicket(
        title, description, priority, category, companyId, key, requesterId, tags, ccIds, fields);
  }

  /**
   * The same input raised on behalf of a customer (the requester).
   *
   * @since 0.1.0
   */
  public CreateTicket onBehalfOf(@Nullable String requester) {
    return new CreateTicket(
        title,
        description,
        priority,
        category,
        companyId,
        idempotencyKey,
        requester,
        tags,
        ccIds,
        fields);
  }

  /**
   * The same input with tags to start with.
   *
   * @since 0.1.0
   */
  public CreateTicket withTags(@Nullable List<String> startTags) {
    return new CreateTicket(
        title,
        description,
        priority,
        category,
        companyId,
        idempotencyKey,
        requesterId,
        startTags,
        ccIds,
        fields);
  }

  /**
   * The same input with customers to copy on the ticket.
   *
   * @since 0.1.0
   */
  public CreateTicket withCcs(@Nullable List<String> copied) {
    return new CreateTicket(
        title,
        description,
        priority,
        category,
        companyId,
        idempotencyKey,
        requesterId,
        tags,
        copied,
        fields);
  }
}
