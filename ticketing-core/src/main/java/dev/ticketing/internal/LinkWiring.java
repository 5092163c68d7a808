package dev.ticketing.internal;

import dev.ticketing.LinkSettings;
import dev.ticketing.LinkTickets;
import dev.ticketing.LinkView;
import dev.ticketing.MergeTickets;
import dev.ticketing.MergeView;
import dev.ticketing.MergedConversation;
import dev.ticketing.TicketLinks;
import dev.ticketing.TicketRelations;
import dev.ticketing.TicketView;
import dev.ticketing.memory.InMemoryLinkStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.LinkStore;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Plugs links and merges into the service: the link store's unit of work opened around the ticket
 * store's, a listener that keeps merged tickets as the merge left them (and forgets a purged
 * ticket's links), and the {@link TicketLinks} facade, whose writes run inside every capability's
 * unit of work and tell every capability's listeners.
 */
public final class LinkWiring {

  private LinkWiring() {}

  /**
   * The link store to use: {@code given}, or beside an in-memory ticket store a new in-memory one;
   * null on a database ticket store without one (links are then unavailable).
   */
  public static @Nullable LinkStore store(EngineParts parts, @Nullable LinkStore given) {
    if (given != null) {
      return given;
    }
    return CountingTicketStore.unwrap(parts.store()) instanceof InMemoryTicketStore
        ? new InMemoryLinkStore()
        : null;
  }

  /** The extension over {@code links}; {@link Extension#NONE} without a store. */
  public static Extension extension(@Nullable LinkStore links) {
    if (links == null) {
      return Extension.NONE;
    }
    return new Extension(
        List.of(new MergeGuard(links)),
        new Enclosure() {
          @Override
          public <T> T around(Supplier<T> work) {
            return links.inTransaction(work);
          }
        });
  }

  /**
   * The facade over {@code links} whose writes run with {@code extensions} (every capability the
   * service was built with, this one's included); without a store, a facade that refuses every call.
   */
  public static TicketLinks facade(
      EngineParts parts,
      @Nullable LinkStore links,
      LinkSettings settings,
      List<Extension> extensions) {
    if (links == null) {
      return UNAVAILABLE;
    }
    return new DefaultTicketLinks(
        parts,
        links,
        settings,
        Extension.listeners(extensions),
        Extension.nested(extensions),
        Extension.settle(extensions));
  }

  private static final String NO_STORE =
      "links and merges on a database ticket store need a link store on the same database:"
          + " Ticketing.builder().linkStore(..)";

  private static final TicketLinks UNAVAILABLE =
      new TicketLinks() {
        @Override
        public LinkView link(Actor actor, LinkTickets input) {
          throw new IllegalStateException(NO_STORE);
        }

        @Override
        public boolean unlink(Actor actor, LinkTickets input) {
          throw new IllegalStateException(NO_STORE);
        }

        @Override
        public TicketRelations relations(Actor actor, String ticketId) {
          throw new IllegalStateException(NO_STORE);
        }

        @Override
        public MergeView merge(Actor actor, MergeTickets input) {
          throw new IllegalStateException(NO_STORE);
        }

        @Override
        public TicketView unmerge(Actor actor, String sourceTicketId) {
          throw new IllegalStateException(NO_STORE);
        }

        @Override
        public MergedConversation conversation(Actor actor, String ticketId) {
          throw new IllegalStateException(NO_STORE);
        }
      };
}
