package dev.ticketing.internal;

import dev.ticketing.MacroService;
import dev.ticketing.RatingService;
import dev.ticketing.RatingSettings;
import dev.ticketing.memory.InMemoryMacroStore;
import dev.ticketing.memory.InMemoryRatingStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.MacroStore;
import dev.ticketing.spi.RatingStore;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;

/**
 * Plugs macros and satisfaction ratings into the service. Beside an in-memory ticket store each
 * gets an in-memory store of its own unless given one; beside a database ticket store a capability
 * without a store of its own is off, and its facade answers every call with an {@link
 * IllegalStateException} naming the builder method to call.
 */
public final class DeskWiring {

  private final MacroStore macroStore;
  private final @Nullable DefaultRatingService ratings;
  private final RatingService unconfiguredRatings;
  private final EngineParts parts;
  private volatile @Nullable DefaultMacroService built;

  private DeskWiring(
      EngineParts parts, MacroStore macroStore, @Nullable DefaultRatingService ratings) {
    this.parts = parts;
    this.macroStore = macroStore;
    this.ratings = ratings;
    this.unconfiguredRatings = unconfigured(RatingService.class, "ratingStore(..)");
  }

  /** Wiring over the given stores (null: as the class comment says). */
  public static DeskWiring prepare(
      EngineParts parts,
      @Nullable MacroStore macroStore,
      @Nullable RatingStore ratingStore,
      RatingSettings settings) {
    boolean inMemory = CountingTicketStore.unwrap(parts.store()) instanceof InMemoryTicketStore;
    MacroStore macros =
        macroStore != null
            ? macroStore
            : inMemory
                ? new InMemoryMacroStore()
                : unconfigured(MacroStore.class, "macroStore(..)");
    RatingStore rated =
        ratingStore != null ? ratingStore : inMemory ? new InMemoryRatingStore() : null;
    return new DeskWiring(
        parts,
        macros,
        rated == null ? null : DefaultRatingService.over(rated, settings, parts.clock()));
  }

  /** What ratings add to every change (nothing when ratings are off). */
  public Extension extension() {
    return ratings == null ? Extension.NONE : ratings.extension();
  }

  public MacroService macros(DefaultTicketService service) {
    DefaultMacroService m = new DefaultMacroService(macroStore, service.handle(), parts.ids());
    built = m;
    return m;
  }

  /**
   * Macros for automation rules' actions: the facade {@link #macros} builds, once it is built (it
   * is before any change runs).
   */
  public RuleMacros ruleMacros() {
    return new RuleMacros() {
      @Override
      public java.util.Optional<String> find(String macro) {
        return macroStore.find(macro).or(() -> macroStore.findByName(macro)).map(m -> m.id());
      }

      @Override
      public void apply(Actor actor, String macro, String ticketId) {
        DefaultMacroService m = built;
        if (m == null) {
          throw new IllegalStateException("macros are not built yet");
        }
        m.applyWithin(actor, macro, ticketId);
      }
    };
  }

  public RatingService ratings(DefaultTicketService service) {
    if (ratings == null) {
      return unconfiguredRatings;
    }
    ratings.attach(service);
    return ratings;
  }

  private static <T> T unconfigured(Class<T> type, String builderMethod) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "toString" -> "unconfigured " + type.getSimpleName();
                  case "hashCode" -> System.identityHashCode(self);
                  default -> self == args[0];
                };
              }
              throw new IllegalStateException(
                  type.getSimpleName()
                      + " beside a database ticket store needs its own store on the same database:"
                      + " Ticketing.builder()."
                      + builderMethod);
            });
    return type.cast(proxy);
  }
}
