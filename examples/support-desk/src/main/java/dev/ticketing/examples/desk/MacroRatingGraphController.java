package dev.ticketing.examples.desk;

import dev.ticketing.Macro;
import dev.ticketing.MacroDefinition;
import dev.ticketing.MacroPreview;
import dev.ticketing.MacroResult;
import dev.ticketing.Priority;
import dev.ticketing.Rating;
import dev.ticketing.RatingGrouping;
import dev.ticketing.RatingSummary;
import dev.ticketing.Status;
import dev.ticketing.Ticketing;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.security.ActorResolver;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL extensions for macros and satisfaction ratings ({@code macros-ratings.graphqls}) on
 * the library's {@link Ticketing#macros()} and {@link Ticketing#ratings()}: each operation is one
 * call on behalf of the current actor, the library deciding permissions, validation and audit.
 */
@Controller
class MacroRatingGraphController {

  private final Ticketing ticketing;
  private final ActorResolver actors;

  MacroRatingGraphController(Ticketing ticketing, ActorResolver actors) {
    this.ticketing = ticketing;
    this.actors = actors;
  }

  /** {@code MacroInput}. */
  record MacroInput(
      @Nullable String name,
      @Nullable String description,
      @Nullable String body,
      @Nullable Boolean isInternal,
      @Nullable Status status,
      @Nullable Priority priority,
      @Nullable List<String> addTags,
      @Nullable List<String> removeTags,
      @Nullable String assigneeId,
      @Nullable Boolean assignToApplier,
      @Nullable List<String> roles) {

    MacroDefinition toDefinition() {
      MacroDefinition.Builder b =
          MacroDefinition.named(name)
              .description(description)
              .status(status)
              .priority(priority)
              .addTags(addTags == null ? List.of() : addTags)
              .removeTags(removeTags == null ? List.of() : removeTags)
              .assigneeId(assigneeId)
              .assignToApplier(Boolean.TRUE.equals(assignToApplier));
      b = Boolean.TRUE.equals(isInternal) ? b.internalNote(body) : b.reply(body);
      if (roles != null) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String role : roles) {
          try {
            parsed.add(Role.valueOf(role.strip().toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            throw dev.ticketing.ValidationException.of(
                "roles", "names an unknown role '" + role + "'; AGENT, ADMIN or SUPER_ADMIN");
          }
        }
        b = b.roles(parsed);
      }
      return b.build();
    }
  }

  // ---- macros

  @QueryMapping
  List<Macro> macros() {
    return ticketing.macros().macros(actors.currentActor());
  }

  @QueryMapping
  MacroPreview macroPreview(@Argument String macroId, @Argument String ticketId) {
    return ticketing.macros().preview(actors.currentActor(), macroId, ticketId);
  }

  @MutationMapping
  Macro defineMacro(@Argument MacroInput input) {
    return ticketing.macros().define(actors.currentActor(), input.toDefinition());
  }

  @MutationMapping
  Macro updateMacro(@Argument String id, @Argument int version, @Argument MacroInput input) {
    return ticketing.macros().update(actors.currentActor(), id, version, input.toDefinition());
  }

  @MutationMapping
  Boolean deleteMacro(@Argument String id, @Argument int version) {
    ticketing.macros().delete(actors.currentActor(), id, version);
    return true;
  }

  @MutationMapping
  MacroResult applyMacro(@Argument String macroId, @Argument String ticketId) {
    return ticketing.macros().apply(actors.currentActor(), macroId, ticketId);
  }

  @SchemaMapping(typeName = "Macro", field = "isInternal")
  boolean macroIsInternal(Macro macro) {
    return macro.internal();
  }

  @SchemaMapping(typeName = "MacroPreview", field = "isInternal")
  boolean previewIsInternal(MacroPreview preview) {
    return preview.internal();
  }

  @SchemaMapping(typeName = "MacroResult", field = "ticket")
  TicketNode appliedTicket(MacroResult result) {
    return TicketNode.of(result.ticket());
  }

  // ---- ratings

  @MutationMapping
  Rating rateTicket(
      @Argument String ticketId, @Argument int score, @Argument @Nullable String comment) {
    return ticketing.ratings().rate(actors.currentActor(), ticketId, score, comment);
  }

  @QueryMapping
  @Nullable Rating ticketRating(@Argument String ticketId) {
    return ticketing.ratings().rating(actors.currentActor(), ticketId).orElse(null);
  }

  @QueryMapping
  List<RatingSummary> ratingSummaries(
      @Argument RatingGrouping grouping,
      @Argument Instant from,
      @Argument Instant to,
      @Argument @Nullable String companyId) {
    return ticketing.ratings().summaries(actors.currentActor(), grouping, from, to, companyId);
  }
}
