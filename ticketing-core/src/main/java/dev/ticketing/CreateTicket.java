package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import dev.ticketing.validation.Text;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#createTicket}. Seed 000's {@code createTicketInput}.
 *
 * @param title 1 to 200 characters after trimming
 * @param description 1 to 10,000 characters after trimming
 * @param priority defaults to {@link Priority#MEDIUM} when null
 * @param category defaults to {@link Category#GENERAL} when null; must be a configured category
 * @param companyId the tenant; customers may only name their own company, and may omit it
 * @param idempotencyKey optional client key (the {@code Idempotency-Key} header): a repeat with the
 *     same key and input returns the ticket the first call created instead of creating another
 */
public record CreateTicket(
    @Text(max = 200) @Nullable String title,
    @Text(max = 10_000) @Nullable String description,
    @Nullable Priority priority,
    @Nullable Category category,
    @Id(optional = true) @Nullable String companyId,
    @IdempotencyKey @Nullable String idempotencyKey) {

  /** Without an idempotency key. */
  public CreateTicket(@Nullable String title, @Nullable String description, @Nullable Priority priority,
      @Nullable Category category, @Nullable String companyId) {
    this(title, description, priority, category, companyId, null);
  }

  public static CreateTicket of(String title, String description, String companyId) {
    return new CreateTicket(title, description, null, null, companyId);
  }

  /** The same input with a client's idempotency key (null for none). */
  public CreateTicket withIdempotencyKey(@Nullable String key) {
    return new CreateTicket(title, description, priority, category, companyId, key);
  }
}
