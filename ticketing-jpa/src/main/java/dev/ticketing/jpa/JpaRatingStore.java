package dev.ticketing.jpa;

import dev.ticketing.ConflictException;
import dev.ticketing.Rating;
import dev.ticketing.RatingGrouping;
import dev.ticketing.spi.RatingStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

/**
 * {@link RatingStore} on the ticket store's database: rows of {@code ticketing_rating}, one per
 * ticket, written with plain SQL on the connection of the current unit of work; summaries are one
 * grouped query over the time index. Give it the same {@link JpaTransactions} as the {@link
 * JpaTicketStore}, so that a rating commits with its audit entry.
 *
 * @since 0.2.0
 */
public final class JpaRatingStore implements RatingStore {

  private static final String COLUMNS =
      "ticket_id, score, comment_text, rater_id, company_id, assignee_id, rated_at, via_link";

  private final JpaTransactions transactions;
  private final TicketCompanies companies = new TicketCompanies();

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaRatingStore(JpaTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    try {
      return transactions.inTransaction(work);
    } catch (RuntimeException e) {
      throw JpaFailures.isPersistenceFailure(e) ? JpaFailures.translate(e) : e;
    }
  }

  /**
   * The company of the rated ticket, which its statements name; null when the ticket is unknown (a
   * rating carries the company it was given, so it is then found by the ticket id alone).
   */
  private @Nullable String company(String ticketId) {
    String company = inTransaction(() -> companies.of(transactions.entityManager(), ticketId));
    return company.equals(TicketCompanies.NONE) ? null : company;
  }

  private <T> T jdbc(ReturningWork<T> work) {
    return inTransaction(
        () -> transactions.entityManager().unwrap(Session.class).doReturningWork(work));
  }

  @Override
  public void insert(Rating r) {
    if (find(r.ticketId()).isPresent()) {
      throw ConflictException.conflict(
          "ticket " + r.ticketId() + " is rated already",
          new IllegalStateException("duplicate rating"));
    }
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into ticketing_rating ("
                      + COLUMNS
                      + ", rated_day) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.ticketId());
            s.setInt(2, r.score());
            nullable(s, 3, r.comment());
            s.setString(4, r.raterId());
            s.setString(5, r.companyId());
            nullable(s, 6, r.assigneeId());
            s.setLong(7, JpaMacroStore.micros(r.ratedAt()));
            s.setBoolean(8, r.viaLink());
            s.setString(9, r.ratedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            return s.executeUpdate();
          }
        });
  }

  @Override
  public Optional<Rating> find(String ticketId) {
    String company = company(ticketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from ticketing_rating where "
                      + (company == null ? "" : "company_id = ? and ")
                      + "ticket_id = ?")) {
            int i = 1;
            if (company != null) {
              s.setString(i++, company);
            }
            s.setString(i, ticketId);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Rating(
                      r.getString(1),
                      r.getInt(2),
                      r.getString(3),
                      r.getString(4),
                      r.getString(5),
                      r.getString(6),
                      JpaMacroStore.instant(r.getLong(7)),
                      r.getBoolean(8)));
            }
          }
        });
  }

  @Override
  public boolean delete(String ticketId) {
    String company = company(ticketId);
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from ticketing_rating where "
                      + (company == null ? "" : "company_id = ? and ")
                      + "ticket_id = ?")) {
            int i = 1;
            if (company != null) {
              s.setString(i++, company);
            }
            s.setString(i, ticketId);
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<Bucket> summarize(
      RatingGrouping grouping, Instant from, Instant to, @Nullable String companyId) {
    String key =
        switch (grouping) {
          case TOTAL -> "'all'";
          case DAY -> "rated_day";
          case MONTH -> "substring(rated_day, 1, 7)";
          case COMPANY -> "company_id";
          case AGENT -> "coalesce(assignee_id, '')";
        };
    String sql =
        "select "
            + key
            + " as k, count(*), sum(score), sum(case when score >= 4 then 1 else 0 end),"
            + " sum(case when score <= 2 then 1 else 0 end) from ticketing_rating"
            + " where rated_at >= ? and rated_at < ?"
            + (companyId == null ? "" : " and company_id = ?")
            + (grouping == RatingGrouping.TOTAL ? "" : " group by " + key + " order by k");
    return jdbc(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, JpaMacroStore.micros(from));
            s.setLong(2, JpaMacroStore.micros(to));
            if (companyId != null) {
              s.setString(3, companyId);
            }
            List<Bucket> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                long count = r.getLong(2);
                if (count > 0) {
                  out.add(
                      new Bucket(
                          r.getString(1).strip(), count, r.getLong(3), r.getLong(4), r.getLong(5)));
                }
              }
            }
            return out;
          }
        });
  }

  private static void nullable(PreparedStatement s, int i, @Nullable String v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.VARCHAR);
    } else {
      s.setString(i, v);
    }
  }
}
