package dev.ticketing.jpa;

import dev.ticketing.ConflictException;
import dev.ticketing.Macro;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.MacroStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

/**
 * {@link MacroStore} on the ticket store's database: rows of {@code ticketing_macro}, written with
 * plain SQL on the connection of the current unit of work, each update guarded by the version the
 * caller read. Give it the same {@link JpaTransactions} as the {@link JpaTicketStore}.
 *
 * @since 0.2.0
 */
public final class JpaMacroStore implements MacroStore {

  private static final String COLUMNS =
      "id, name, description, body, internal_note, set_status, set_priority, add_tags,"
          + " remove_tags, assignee_id, assign_to_applier, roles, version, created_at, updated_at,"
          + " updated_by";

  private final JpaTransactions transactions;

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaMacroStore(JpaTransactions transactions) {
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
  public void insert(Macro m) {
    jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into ticketing_macro ("
                      + COLUMNS
                      + ", name_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, m);
            s.setString(17, key(m.name()));
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void update(Macro m, long expectedVersion) {
    int updated =
        jdbc(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "update ticketing_macro set id = ?, name = ?, description = ?, body = ?,"
                          + " internal_note = ?, set_status = ?, set_priority = ?, add_tags = ?,"
                          + " remove_tags = ?, assignee_id = ?, assign_to_applier = ?, roles = ?,"
                          + " version = ?, created_at = ?, updated_at = ?, updated_by = ?,"
                          + " name_key = ? where id = ? and version = ?")) {
                bind(s, m);
                s.setString(17, key(m.name()));
                s.setString(18, m.id());
                s.setLong(19, expectedVersion);
                return s.executeUpdate();
              }
            });
    if (updated != 1) {
      throw ConflictException.conflict(
          "macro " + m.id() + " changed meanwhile",
          new IllegalStateException("version " + expectedVersion));
    }
  }

  @Override
  public boolean delete(String macroId, long expectedVersion) {
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from ticketing_macro where id = ? and version = ?")) {
            s.setString(1, macroId);
            s.setLong(2, expectedVersion);
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<Macro> find(String macroId) {
    return one("id = ?", macroId);
  }

  @Override
  public Optional<Macro> findByName(String name) {
    return one("name_key = ?", key(name));
  }

  @Override
  public List<Macro> all() {
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select " + COLUMNS + " from ticketing_macro order by name_key, id")) {
            return read(s);
          }
        });
  }

  private Optional<Macro> one(String where, String value) {
    return jdbc(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select " + COLUMNS + " from ticketing_macro where " + where)) {
            s.setString(1, value);
            return read(s).stream().findFirst();
          }
        });
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static void bind(PreparedStatement s, Macro m) throws SQLException {
    s.setString(1, m.id());
    s.setString(2, m.name());
    nullable(s, 3, m.description());
    nullable(s, 4, m.body());
    s.setBoolean(5, m.internal());
    nullable(s, 6, m.status() == null ? null : m.status().name());
    nullable(s, 7, m.priority() == null ? null : m.priority().name());
    s.setString(8, String.join(" ", m.addTags()));
    s.setString(9, String.join(" ", m.removeTags()));
    nullable(s, 10, m.assigneeId());
    s.setBoolean(11, m.assignToApplier());
    s.setString(12, String.join(",", m.roles().stream().map(Role::name).sorted().toList()));
    s.setLong(13, m.version());
    s.setLong(14, micros(m.createdAt()));
    s.setLong(15, micros(m.updatedAt()));
    s.setString(16, m.updatedBy());
  }

  private static void nullable(PreparedStatement s, int i, @Nullable String v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.VARCHAR);
    } else {
      s.setString(i, v);
    }
  }

  private static List<Macro> read(PreparedStatement s) throws SQLException {
    List<Macro> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String status = r.getString(6);
        String priority = r.getString(7);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : r.getString(12).split(",")) {
          if (!role.isBlank()) {
            roles.add(Role.valueOf(role.strip()));
          }
        }
        out.add(
            new Macro(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getBoolean(5),
                status == null ? null : Status.valueOf(status),
                priority == null ? null : Priority.valueOf(priority),
                words(r.getString(8)),
                words(r.getString(9)),
                r.getString(10),
                r.getBoolean(11),
                roles,
                r.getLong(13),
                instant(r.getLong(14)),
                instant(r.getLong(15)),
                r.getString(16)));
      }
    }
    return out;
  }

  private static List<String> words(@Nullable String s) {
    return s == null || s.isBlank() ? List.of() : Arrays.asList(s.strip().split(" +"));
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
