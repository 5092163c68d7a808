package dev.ticketing.jpa;

import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.Availability;
import dev.ticketing.spi.AssignmentStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

/**
 * {@link AssignmentStore} on the ticket store's database: rows of {@code ticketing_agent}, written
 * with plain SQL on the connection of the current unit of work. Give it the same {@link
 * JpaTransactions} as the {@link JpaTicketStore}, so that loads commit with the change:
 *
 * <pre>{@code
 * JpaTransactions tx = new ResourceLocalTransactions(factory);
 * Ticketing ticketing = Ticketing.builder()
 *     .store(new JpaTicketStore(tx))
 *     .assignmentStore(new JpaAssignmentStore(tx))
 *     .build();
 * }</pre>
 *
 * <p>A claim is one conditional {@code update} (available, load under capacity), which locks the
 * agent's row until the unit of work ends; a concurrent claim waits for it and then checks the
 * committed load. Skills are kept space-separated; instants as microseconds since the epoch.
 *
 * @since 0.2.0
 */
public final class JpaAssignmentStore implements AssignmentStore {

  private static final String COLUMNS =
      "agent_id, skills, capacity, availability, open_count, last_assigned_at";

  private final JpaTransactions transactions;

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaAssignmentStore(JpaTransactions transactions) {
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

  private <T> T jdbc(ReturningWork<T> work) {
    return inTransaction(
        () -> transactions.entityManager().unwrap(Session.class).doReturningWork(work));
  }

  @Override
  public List<AgentState> agents() {
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select " + COLUMNS + " from ticketing_agent order by agent_id")) {
            return read(s);
          }
        });
  }

  @Override
  public Optional<AgentState> agent(String agentId) {
    return one(agentId, "");
  }

  @Override
  public Optional<AgentState> agentForUpdate(String agentId) {
    return one(agentId, " for update");
  }

  private Optional<AgentState> one(String agentId, String lock) {
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select " + COLUMNS + " from ticketing_agent where agent_id = ?" + lock)) {
            s.setString(1, agentId);
            return read(s).stream().findFirst();
          }
        });
  }

  @Override
  public void saveAgent(AgentProfile profile, int load) {
    jdbc(
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "update ticketing_agent set skills = ?, capacity = ?, availability = ?"
                      + " where agent_id = ?")) {
            u.setString(1, String.join(" ", profile.skills()));
            u.setInt(2, profile.capacity());
            u.setString(3, profile.availability().name());
            u.setString(4, profile.agentId());
            if (u.executeUpdate() > 0) {
              return null;
            }
          }
          try (PreparedStatement i =
              c.prepareStatement(
                  "insert into ticketing_agent (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)")) {
            i.setString(1, profile.agentId());
            i.setString(2, String.join(" ", profile.skills()));
            i.setInt(3, profile.capacity());
            i.setString(4, profile.availability().name());
            i.setInt(5, load);
            i.setNull(6, Types.BIGINT);
            i.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean deleteAgent(String agentId) {
    return update("delete from ticketing_agent where agent_id = ?", agentId) > 0;
  }

  @Override
  public boolean claim(String agentId, Instant at) {
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update ticketing_agent set last_assigned_at = ? where agent_id = ?"
                      + " and availability = ? and open_count < capacity")) {
            s.setLong(1, micros(at));
            s.setString(2, agentId);
            s.setString(3, Availability.AVAILABLE.name());
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void adjustLoad(String agentId, int delta) {
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update ticketing_agent set open_count = open_count + ? where agent_id = ?")) {
            s.setInt(1, delta);
            s.setString(2, agentId);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void setLoad(String agentId, int load) {
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("update ticketing_agent set open_count = ? where agent_id = ?")) {
            s.setInt(1, load);
            s.setString(2, agentId);
            return s.executeUpdate();
          }
        });
  }

  private int update(String sql, String agentId) {
    return jdbc(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agentId);
            return s.executeUpdate();
          }
        });
  }

  private static List<AgentState> read(PreparedStatement s) throws SQLException {
    List<AgentState> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String skills = r.getString(2);
        long last = r.getLong(6);
        @Nullable Instant lastAssignedAt = r.wasNull() ? null : instant(last);
        out.add(
            new AgentState(
                new AgentProfile(
                    r.getString(1),
                    skills == null || skills.isEmpty()
                        ? Set.of()
                        : Set.copyOf(Arrays.asList(skills.split(" "))),
                    r.getInt(3),
                    Availability.valueOf(r.getString(4))),
                r.getInt(5),
                lastAssignedAt));
      }
    }
    return out;
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
