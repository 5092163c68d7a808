package dev.ticketing.jpa;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A data source that remembers every query its prepared statements ran: the SQL text exactly as
 * the provider sent it and the parameter calls ({@code setString}, {@code setObject}, ...) made
 * on it, so a test can replay the same statement under {@code EXPLAIN} with the same values and
 * types. It also keeps the SQL of every execution and added batch entry, writes included, so a
 * test can count the statements a unit of work sends.
 */
final class RecordingDataSource {

  /** One parameter call on a prepared statement. */
  record Bind(Method method, Object[] args) {
    void applyTo(PreparedStatement statement) throws SQLException {
      try {
        method.invoke(statement, args);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLException s) {
          throw s;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** A query as it was executed. */
  record Executed(String sql, List<Bind> binds) {
    /** Prepares {@code prefix + sql} on the connection with the same parameters. */
    PreparedStatement replay(Connection connection, String prefix) throws SQLException {
      PreparedStatement statement = connection.prepareStatement(prefix + sql);
      for (Bind bind : binds) {
        bind.applyTo(statement);
      }
      return statement;
    }
  }

  private final DataSource proxy;
  private final List<Executed> executed = new CopyOnWriteArrayList<>();
  private final List<String> executions = new CopyOnWriteArrayList<>();

  RecordingDataSource(DataSource target) {
    this.proxy =
        proxy(
            DataSource.class,
            (p, m, args) -> {
              Object result = call(target, m, args);
              return result instanceof Connection c ? connection(c) : result;
            });
  }

  DataSource dataSource() {
    return proxy;
  }

  /** The queries executed since the last {@link #clear()}, in order. */
  List<Executed> executed() {
    return List.copyOf(executed);
  }

  /**
   * The SQL of every {@code execute…} and {@code addBatch} call on a prepared statement since the
   * last {@link #clear()}, in order, queries and writes alike.
   */
  List<String> executions() {
    return List.copyOf(executions);
  }

  void clear() {
    executed.clear();
    executions.clear();
  }

  private Connection connection(Connection target) {
    return proxy(
        Connection.class,
        (p, m, args) -> {
          Object result = call(target, m, args);
          if (result instanceof PreparedStatement s && m.getName().equals("prepareStatement")) {
            return statement(s, (String) args[0]);
          }
          return result;
        });
  }

  private PreparedStatement statement(PreparedStatement target, String sql) {
    List<Bind> binds = new ArrayList<>();
    return proxy(
        PreparedStatement.class,
        (p, m, args) -> {
          String name = m.getName();
          if (name.startsWith("execute") || name.equals("addBatch")) {
            executions.add(sql);
          }
          if (name.startsWith("set")
              && args != null
              && args.length >= 2
              && args[0] instanceof Integer) {
            binds.add(new Bind(m, args.clone()));
          } else if (name.equals("clearParameters")) {
            binds.clear();
          } else if (name.equals("executeQuery") && (args == null || args.length == 0)) {
            executed.add(new Executed(sql, List.copyOf(binds)));
          }
          return call(target, m, args);
        });
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T)
        Proxy.newProxyInstance(
            RecordingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
