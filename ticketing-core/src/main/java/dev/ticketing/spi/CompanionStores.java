package dev.ticketing.spi;

import org.jspecify.annotations.Nullable;

/**
 * The stores of the capabilities beside the tickets that live with a {@link TicketStore}: on its
 * database, in its units of work. {@code Ticketing.Builder} takes each one the host did not give
 * explicitly, so that one {@code store(..)} call wires every capability onto the same database.
 * Each may be null: that capability then gets the builder's default.
 *
 * @param sla service-level clocks
 * @param fieldDefinitions custom field definitions
 * @param assignment agents' profiles and loads for automatic assignment
 * @param links links between tickets and merges
 * @param macros macros (canned replies)
 * @param ratings satisfaction ratings
 * @param automation automation rules (used only where automation is turned on)
 * @since 0.2.0
 */
public record CompanionStores(
    @Nullable SlaStore sla,
    @Nullable FieldDefinitionStore fieldDefinitions,
    @Nullable AssignmentStore assignment,
    @Nullable LinkStore links,
    @Nullable MacroStore macros,
    @Nullable RatingStore ratings,
    @Nullable AutomationStore automation) {

  /** No companion stores: every capability gets the builder's default. */
  public static final CompanionStores NONE =
      new CompanionStores(null, null, null, null, null, null, null);
}
