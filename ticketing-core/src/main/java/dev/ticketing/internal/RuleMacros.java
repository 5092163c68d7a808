package dev.ticketing.internal;

import dev.ticketing.policy.Actor;
import java.util.Optional;

/**
 * Macros as automation rules apply them: found by id or by name, applied inside the unit of work
 * already open (the rule's), with what a person's application does.
 */
public interface RuleMacros {

  /** No macros: every macro is unknown. */
  RuleMacros NONE =
      new RuleMacros() {
        @Override
        public Optional<String> find(String macro) {
          return Optional.empty();
        }

        @Override
        public void apply(Actor actor, String macro, String ticketId) {
          throw new IllegalStateException("no macro named " + macro);
        }
      };

  /** The id of the macro with this id or, failing that, this name. */
  Optional<String> find(String macro);

  /** Applies the macro (by id or name) to the ticket as {@code actor}, in the open unit of work. */
  void apply(Actor actor, String macro, String ticketId);
}
