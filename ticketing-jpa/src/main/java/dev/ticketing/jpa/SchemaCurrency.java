package dev.ticketing.jpa;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Whether a database already has every ticketing migration this jar ships, read with one query of
 * the history table. Lets a start on an up-to-date schema (every start but the first after an
 * upgrade) skip loading and configuring Flyway, which with its dependencies is over a thousand
 * classes and a parse of every script. Any doubt (no history table, a failed or unknown migration,
 * scripts that cannot be listed) answers "no", and Flyway runs as before.
 */
final class SchemaCurrency {

  private static final Pattern SCRIPT = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

  private SchemaCurrency() {}

  /** True when the history records exactly the shipped versions, all successful. */
  static boolean upToDate(DataSource dataSource, TicketingSchema.Vendor vendor) {
    Set<String> shipped = shipped(vendor);
    if (shipped == null || shipped.isEmpty()) {
      return false;
    }
    Set<String> applied = applied(dataSource, vendor);
    return shipped.equals(applied);
  }

  /** Versions of the successful migrations in the history, without the baseline; null if unknown. */
  private static @Nullable Set<String> applied(
      DataSource dataSource, TicketingSchema.Vendor vendor) {
    String q = vendor == TicketingSchema.Vendor.MARIADB ? "`" : "\"";
    String sql =
        "select "
            + q
            + "version"
            + q
            + ", "
            + q
            + "type"
            + q
            + ", "
            + q
            + "success"
            + q
            + " from "
            + q
            + TicketingSchema.HISTORY_TABLE
            + q;
    Set<String> versions = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        if (!rows.getBoolean(3)) {
          return null;
        }
        String version = rows.getString(1);
        if (version != null && !"BASELINE".equals(rows.getString(2))) {
          versions.add(version);
        }
      }
      return versions;
    } catch (SQLException e) {
      // No history table yet, most likely: Flyway creates it.
      return null;
    }
  }

  /** Versions of this vendor's scripts on the class path; null when they cannot be listed. */
  private static @Nullable Set<String> shipped(TicketingSchema.Vendor vendor) {
    String folder = vendor.location().substring("classpath:".length());
    URL url = SchemaCurrency.class.getClassLoader().getResource(folder);
    if (url == null) {
      return null;
    }
    Set<String> versions = new HashSet<>();
    try {
      if ("file".equals(url.getProtocol())) {
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
          files.forEach(f -> addVersion(f.getFileName().toString(), versions));
        }
        return versions;
      }
      URLConnection connection = url.openConnection();
      if (connection instanceof JarURLConnection jar) {
        jar.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
          String prefix = jar.getEntryName() + "/";
          for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
              addVersion(name.substring(prefix.length()), versions);
            }
          }
        }
        return versions;
      }
      return null;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static void addVersion(String fileName, Set<String> versions) {
    Matcher m = SCRIPT.matcher(fileName);
    if (m.matches()) {
      versions.add(m.group(1).replace('_', '.'));
    }
  }
}
