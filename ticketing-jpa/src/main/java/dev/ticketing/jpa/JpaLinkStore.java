package dev.ticketing.jpa;

import static dev.ticketing.jpa.MicrosColumns.instant;
import static dev.ticketing.jpa.MicrosColumns.micros;
import static dev.ticketing.jpa.MicrosColumns.nullableInstant;
import static dev.ticketing.jpa.MicrosColumns.setMicros;

import dev.ticketing.LinkKind;
import dev.ticketing.Status;
import dev.ticketing.spi.LinkRecord;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MergeRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

/**
 * {@link LinkStore} on the ticket store's database: rows of {@code ticketing_ticket_link} and
 * {@code ticketing_ticket_merge}, written with plain SQL on the connection of the current unit of
 * work. Give it the same {@link JpaTransactions} as the {@link JpaTicketStore}, so that links and
 * merges commit with the tickets' audit entries:
 *
 * <pre>{@code
 * JpaTransactions tx = new ResourceLocalTransactions(factory);
 * Ticketing ticketing = Ticketing.builder()
 *     .store(new JpaTicketStore(tx))
 *     .linkStore(new JpaLinkStore(tx))
 *     .build();
 * }</pre>
 *
 * <p>A second row for the same link or merge source is refused by the primary key: PostgreSQL
 * inserts with {@code on conflict do nothing} (waiting for a concurrent writer of the same key),
 * H2 and MariaDB answer the duplicate key, and either way the loser writes nothing. Instants are
 * stored as microseconds since the epoch.
 *
 * @since 0.2.0
 */
public final class JpaLinkStore implements LinkStore {

  private static final String LINK_COLUMNS =
      "from_ticket_id, link_kind, to_ticket_id, created_by, created_at";

  private static final String MERGE_COLUMNS =
      "source_ticket_id, target_ticket_id, merged_by, merged_at, source_status,"
          + " source_resolved_at, source_closed_at";

  /** Ids per {@code in} list: well under every database's limit on bound parameters. */
  private static final int IN_CHUNK = 500;

  private final JpaTransactions transactions;
  private final TicketCompanies companies = new TicketCompanies();

  /** Known after the first insert: whether the database is PostgreSQL. */
  private volatile @Nullable Boolean postgres;

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaLinkStore(JpaTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * A link store in the transactions of {@code tickets} (for example one made with {@link
   * JpaTicketStore#resourceLocal}), so that links and merges commit with the tickets.
   *
   * @param tickets the ticket store whose transactions the links share
   * @return the link store
   */
  public static JpaLinkStore beside(JpaTicketStore tickets) {
    return new JpaLinkStore(tickets.transactions());
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    try {
      return transactions.inTransaction(work);
    } catch (RuntimeException e) {
      throw JpaFailures.isPersistenceFailure(e) ? JpaFailures.translate(e) : e;
    }
  }

  /** The ticket's company, which link and merge rows copy and their statements name. */
  private String company(String ticketId) {
    return inTransaction(() -> companies.of(transactions.entityManager(), ticketId));
  }

  private <T> T jdbc(ReturningWork<T> work) {
    return inTransaction(
        () -> transactions.entityManager().unwrap(Session.class).doReturningWork(work));
  }

  @Override
  public boolean insertLink(LinkRecord link) {
    String company = company(link.fromTicketId());
    return jdbc(
        c ->
            insertOnce(
                c,
                "ticketing_ticket_link",
                LINK_COLUMNS + ", company_id",
                6,
                s -> {
                  s.setString(6, company);
                  s.setString(1, link.fromTicketId());
                  s.setString(2, link.kind().name());
                  s.setString(3, link.toTicketId());
                  s.setString(4, link.createdBy());
                  s.setLong(5, micros(link.createdAt()));
                }));
  }

  @Override
  public boolean deleteLink(String fromTicketId, LinkKind kind, String toTicketId) {
    String company = company(fromTicketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from ticketing_ticket_link where company_id = ? and from_ticket_id = ?"
                      + " and link_kind = ? and to_ticket_id = ?")) {
            s.setString(1, company);
            s.setString(2, fromTicketId);
            s.setString(3, kind.name());
            s.setString(4, toTicketId);
            return s.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<LinkRecord> links(String ticketId) {
    String company = company(ticketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + LINK_COLUMNS
                      + " from ticketing_ticket_link where company_id = ?"
                      + " and (from_ticket_id = ? or to_ticket_id = ?)"
                      + " order by created_at, from_ticket_id, link_kind, to_ticket_id")) {
            s.setString(1, company);
            s.setString(2, ticketId);
            s.setString(3, ticketId);
            List<LinkRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(
                    new LinkRecord(
                        r.getString(1),
                        LinkKind.valueOf(r.getString(2)),
                        r.getString(3),
                        r.getString(4),
                        instant(r.getLong(5))));
              }
            }
            return out;
          }
        });
  }

  @Override
  public int countLinks(String ticketId) {
    String company = company(ticketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select count(*) from ticketing_ticket_link"
                      + " where company_id = ? and (from_ticket_id = ? or to_ticket_id = ?)")) {
            s.setString(1, company);
            s.setString(2, ticketId);
            s.setString(3, ticketId);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getInt(1);
            }
          }
        });
  }

  @Override
  public boolean insertMerge(MergeRecord merge) {
    String company = company(merge.sourceTicketId());
    return jdbc(
        c ->
            insertOnce(
                c,
                "ticketing_ticket_merge",
                MERGE_COLUMNS + ", company_id",
                8,
                s -> {
                  s.setString(8, company);
                  s.setString(1, merge.sourceTicketId());
                  s.setString(2, merge.targetTicketId());
                  s.setString(3, merge.mergedBy());
                  s.setLong(4, micros(merge.mergedAt()));
                  s.setString(5, merge.sourceStatus().name());
                  setMicros(s, 6, merge.sourceResolvedAt());
                  setMicros(s, 7, merge.sourceClosedAt());
                }));
  }

  @Override
  public Optional<MergeRecord> mergeOf(String sourceTicketId) {
    String company = company(sourceTicketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + MERGE_COLUMNS
                      + " from ticketing_ticket_merge where company_id = ? and source_ticket_id = ?")) {
            s.setString(1, company);
            s.setString(2, sourceTicketId);
            List<MergeRecord> found = readMerges(s);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
          }
        });
  }

  @Override
  public Map<String, List<MergeRecord>> mergesInto(Collection<String> targetTicketIds) {
    List<String> ids = targetTicketIds.stream().distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<String> companyIds =
        inTransaction(() -> companies.distinct(transactions.entityManager(), ids));
    return jdbc(
        c -> {
          Map<String, List<MergeRecord>> found = new LinkedHashMap<>();
          String companyMarks = String.join(",", Collections.nCopies(companyIds.size(), "?"));
          for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s =
                c.prepareStatement(
                    "select "
                        + MERGE_COLUMNS
                        + " from ticketing_ticket_merge where company_id in ("
                        + companyMarks
                        + ") and target_ticket_id in ("
                        + marks
                        + ") order by merged_at, source_ticket_id")) {
              int n = 1;
              for (String company : companyIds) {
                s.setString(n++, company);
              }
              for (int i = 0; i < chunk.size(); i++) {
                s.setString(n++, chunk.get(i));
              }
              for (MergeRecord m : readMerges(s)) {
                found.computeIfAbsent(m.targetTicketId(), k -> new ArrayList<>()).add(m);
              }
            }
          }
          // In the order the targets were asked for, each list oldest first.
          Map<String, List<MergeRecord>> out = new LinkedHashMap<>();
          for (String id : ids) {
            List<MergeRecord> list = found.get(id);
            if (list != null) {
              out.put(id, List.copyOf(list));
            }
          }
          return out;
        });
  }

  @Override
  public boolean deleteMerge(String sourceTicketId) {
    String company = company(sourceTicketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from ticketing_ticket_merge where company_id = ? and source_ticket_id = ?")) {
            s.setString(1, company);
            s.setString(2, sourceTicketId);
            return s.executeUpdate() > 0;
          }
        });
  }

  @Override
  public void deleteTicket(String ticketId) {
    String company = company(ticketId);
    jdbc(
        c -> {
          try (PreparedStatement links =
                  c.prepareStatement(
                      "delete from ticketing_ticket_link where company_id = ?"
                          + " and (from_ticket_id = ? or to_ticket_id = ?)");
              PreparedStatement merges =
                  c.prepareStatement(
                      "delete from ticketing_ticket_merge where company_id = ?"
                          + " and (source_ticket_id = ? or target_ticket_id = ?)")) {
            links.setString(1, company);
            links.setString(2, ticketId);
            links.setString(3, ticketId);
            links.executeUpdate();
            merges.setString(1, company);
            merges.setString(2, ticketId);
            merges.setString(3, ticketId);
            merges.executeUpdate();
            return null;
          }
        });
  }

  /** Binds the values of one row. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  /** Inserts a row unless its primary key is taken; whether it was inserted. */
  private boolean insertOnce(Connection c, String table, String columns, int count, Binder values)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(count, "?"));
    String insert = "insert into " + table + " (" + columns + ") values (" + marks + ")";
    if (isPostgres(c)) {
      // A failed statement would abort the whole transaction on PostgreSQL: skip the conflict.
      try (PreparedStatement s = c.prepareStatement(insert + " on conflict do nothing")) {
        values.bind(s);
        return s.executeUpdate() > 0;
      }
    }
    try (PreparedStatement s = c.prepareStatement(insert)) {
      values.bind(s);
      return s.executeUpdate() > 0;
    } catch (SQLException e) {
      // H2 and MariaDB undo only the statement: 23505 (H2) or 23000 (MariaDB) is the key taken.
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      if (state.equals("23505") || state.equals("23000")) {
        return false;
      }
      throw e;
    }
  }

  private boolean isPostgres(Connection c) throws SQLException {
    Boolean known = postgres;
    if (known == null) {
      known =
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      postgres = known;
    }
    return known;
  }

  private static List<MergeRecord> readMerges(PreparedStatement s) throws SQLException {
    List<MergeRecord> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(
            new MergeRecord(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                instant(r.getLong(4)),
                Status.valueOf(r.getString(5)),
                nullableInstant(r, 6),
                nullableInstant(r, 7)));
      }
    }
    return out;
  }
}
