package dev.ticketing.memory;

import dev.ticketing.ConflictException;
import dev.ticketing.TagCount;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The tickets of an {@link InMemoryTicketStore} with their comments and attachments, under its units
 * of work: inserting and versioning them, and reading them for listings, activity and statistics.
 */
final class InMemoryTickets {

  private static final Comparator<Keyset> KEYSET_ORDER =
      Comparator.comparing(Keyset::createdAt).thenComparing(Keyset::id);

  private final Transactions tx;

  private final Map<String, TicketState> tickets = new HashMap<>();

  /** Every ticket's (createdAt, id): listings walk it in order and start right after a keyset. */
  private final NavigableSet<Keyset> byCreation = new TreeSet<>(KEYSET_ORDER);

  private final Map<String, CommentRecord> commentsById = new HashMap<>();

  /** External note id to comment id. */
  private final Map<String, String> externalIds = new HashMap<>();

  InMemoryTickets(Transactions tx) {
    this.tx = tx;
  }

  int size() {
    return tickets.size();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when a ticket with this id exists
   * @throws IllegalArgumentException when the version is not 0
   */
  void insertTicket(TicketRecord ticket) {
    tx.beginWrite("insertTicket");
    if (tickets.containsKey(ticket.id())) {
      throw new IllegalStateException("ticket " + ticket.id() + " already exists");
    }
    if (ticket.version() != 0) {
      throw new IllegalArgumentException("a new ticket has version 0, not " + ticket.version());
    }
    tx.put(tickets, ticket.id(), TicketState.of(ticket));
    tx.add(byCreation, keyset(ticket));
  }

  /**
   * Stores it.
   *
   * @throws ConflictException also when there is no such ticket (it was purged)
   */
  TicketRecord updateTicket(TicketRecord changed) {
    tx.beginWrite("updateTicket");
    TicketState state = tickets.get(changed.id());
    if (state == null || state.ticket().version() != changed.version()) {
      throw new ConflictException(changed.id());
    }
    TicketRecord stored = changed.edit().version(changed.version() + 1).build();
    tx.put(tickets, stored.id(), state.withTicket(stored));
    Keyset before = keyset(state.ticket());
    Keyset after = keyset(stored);
    if (!before.equals(after)) {
      tx.removeElement(byCreation, before);
      tx.add(byCreation, after);
    }
    return stored;
  }

  Optional<TicketRecord> findTicket(String id) {
    return tx.read(() -> Optional.ofNullable(tickets.get(id)).map(TicketState::ticket));
  }

  Map<String, TicketRecord> findTickets(Collection<String> ids) {
    return tx.read(
        () -> {
          Map<String, TicketRecord> found = new HashMap<>();
          for (String id : ids) {
            TicketState state = tickets.get(id);
            if (state != null) {
              found.put(id, state.ticket());
            }
          }
          return Map.copyOf(found);
        });
  }

  List<TicketRow> list(TicketQuery query, Predicate<String> standingMatches) {
    if (query.limit() <= 0) {
      return List.of();
    }
    return tx.read(
        () -> {
          Keyset after = query.after();
          NavigableSet<Keyset> rest =
              query.order() == SortOrder.NEWEST_FIRST
                  ? (after == null ? byCreation : byCreation.headSet(after, false)).descendingSet()
                  : (after == null ? byCreation : byCreation.tailSet(after, false));
          Predicate<TicketState> matches =
              TicketMatching.matcher(query).and(t -> standingMatches.test(t.ticket().id()));
          List<TicketRow> page = new ArrayList<>();
          for (Keyset key : rest) {
            // The creation index and the map change together under the write lock.
            TicketState state = Objects.requireNonNull(tickets.get(key.id()));
            if (matches.test(state)) {
              page.add(new TicketRow(state.ticket(), state.activity()));
              if (page.size() == query.limit()) {
                break;
              }
            }
          }
          return List.copyOf(page);
        });
  }

  long count(TicketQuery query, Predicate<String> standingMatches) {
    Predicate<TicketState> matches =
        TicketMatching.matcher(query).and(t -> standingMatches.test(t.ticket().id()));
    return tx.read(() -> tickets.values().stream().filter(matches).count());
  }

  Map<String, Activity> activity(Collection<String> ticketIds) {
    return tx.read(
        () -> {
          Map<String, Activity> found = new HashMap<>();
          for (String id : ticketIds) {
            TicketState state = tickets.get(id);
            if (state != null) {
              found.put(id, state.activity());
            }
          }
          return Map.copyOf(found);
        });
  }

  TicketStats stats(VisibilityScope scope, @Nullable String companyId) {
    return tx.read(() -> TicketMatching.stats(tickets.values(), scope, companyId));
  }

  List<TagCount> tagCounts(VisibilityScope scope, @Nullable String companyId, int limit) {
    return tx.read(() -> TicketMatching.tagCounts(tickets.values(), scope, companyId, limit));
  }

  /** Removes a ticket with its comments and attachments, in the unit of work; returns its files' keys. */
  List<String> remove(String ticketId) {
    List<String> attachmentKeys = new ArrayList<>();
    TicketState state = tx.remove(tickets, ticketId);
    if (state != null) {
      tx.removeElement(byCreation, keyset(state.ticket()));
      for (CommentRecord c : state.comments()) {
        tx.remove(commentsById, c.id());
        if (c.externalId() != null) {
          tx.remove(externalIds, c.externalId());
        }
      }
      state.attachments().forEach(a -> attachmentKeys.add(a.objectKey()));
    }
    return attachmentKeys;
  }

  /**
   * Stores it.
   *
   * @throws IllegalStateException when the ticket does not exist, or the comment id or its
   *     external id is taken
   */
  void insertComment(CommentRecord comment) {
    tx.beginWrite("insertComment");
    TicketState state = existing(comment.ticketId());
    if (commentsById.containsKey(comment.id())) {
      throw new IllegalStateException("comment " + comment.id() + " already exists");
    }
    String externalId = comment.externalId();
    if (externalId != null && externalIds.containsKey(externalId)) {
      throw new IllegalStateException("external note " + externalId + " is already recorded");
    }
    tx.put(tickets, comment.ticketId(), state.withComment(comment));
    tx.put(commentsById, comment.id(), comment);
    if (externalId != null) {
      tx.put(externalIds, externalId, comment.id());
    }
  }

  Optional<CommentRecord> findComment(String commentId) {
    return tx.read(() -> Optional.ofNullable(commentsById.get(commentId)));
  }

  Optional<CommentRecord> findCommentByExternalId(String externalId) {
    return tx.read(
        () -> {
          String commentId = externalIds.get(externalId);
          return Optional.ofNullable(commentId == null ? null : commentsById.get(commentId));
        });
  }

  List<CommentRecord> comments(String ticketId, boolean includeInternal) {
    return tx.read(
        () -> {
          TicketState state = tickets.get(ticketId);
          if (state == null) {
            return List.of();
          }
          return includeInternal
              ? state.comments()
              : state.comments().stream().filter(c -> !c.internal()).toList();
        });
  }

  /**
   * Stores it.
   *
   * @throws IllegalStateException when the ticket does not exist
   */
  void insertAttachment(AttachmentRecord attachment) {
    tx.beginWrite("insertAttachment");
    TicketState state = existing(attachment.ticketId());
    tx.put(tickets, attachment.ticketId(), state.withAttachment(attachment));
  }

  List<AttachmentRecord> attachments(String ticketId, boolean includeInternal) {
    return tx.read(
        () -> {
          TicketState state = tickets.get(ticketId);
          if (state == null) {
            return List.of();
          }
          return includeInternal
              ? state.attachments()
              : state.attachments().stream().filter(a -> !a.internal()).toList();
        });
  }

  TicketState existing(String ticketId) {
    TicketState state = tickets.get(ticketId);
    if (state == null) {
      throw new IllegalStateException("ticket " + ticketId + " does not exist");
    }
    return state;
  }

  private static Keyset keyset(TicketRecord t) {
    return new Keyset(t.createdAt(), t.id());
  }
}
