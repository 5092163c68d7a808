package dev.ticketing.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a page query's plan, as each database prints it, and says what is wrong with it: a sort,
 * a scan of the table, or (when the page starts after a keyset position) an index walked from its
 * first entry instead of entered at the position. An empty list means the page seeks.
 *
 * <p>A filter with no index of its own (a priority, say) may walk the newest-first index in order
 * and filter: that needs no sort, and with a position the walk still starts there.
 */
final class PagePlanCheck {

  /**
   * MariaDB: for each index ending in (created_at, id), the key length that includes created_at
   * (utf8mb4 varchar(128) = 514 bytes, +1 when nullable; varchar(32) = 130; datetime(6) = 8). A
   * range or ref shorter than this bounds only the leading column and walks all of its rows.
   */
  static final Map<String, Integer> MARIADB_CREATED_AT_KEY_LENGTH =
      Map.of(
          "ix_ticket_created", 8,
          "ix_ticket_company", 522,
          "ix_ticket_creator", 522,
          "ix_ticket_requester", 522,
          "ix_ticket_assignee", 523,
          "ix_ticket_status", 138,
          // A tag's rows: tag varchar(100) = 402, then the company or requester (514) for theirs.
          "ix_ticket_tag", 410,
          "ix_ticket_tag_company", 924,
          "ix_ticket_tag_requester", 924);

  private static final Pattern MARIADB_TABLE =
      Pattern.compile(
          "\"table_name\":\\s*\"(\\w+)\",\\s*\"access_type\":\\s*\"(\\w+)\"(.*?)(?=\"table_name\"|$)",
          Pattern.DOTALL);
  private static final Pattern MARIADB_KEY = Pattern.compile("\"key\":\\s*\"(\\w+)\"");
  private static final Pattern MARIADB_KEY_LENGTH =
      Pattern.compile("\"key_length\":\\s*\"(\\d+)\"");
  private static final Pattern MARIADB_ROWS = Pattern.compile("\"rows\":\\s*(\\d+)");

  private static final Pattern PG_NODE = Pattern.compile("\"Node Type\":\\s*\"([^\"]+)\"");
  private static final Pattern PG_INDEX_COND = Pattern.compile("\"Index Cond\":\\s*\"([^\"]*)\"");
  private static final Pattern PG_INDEX_NAME = Pattern.compile("\"Index Name\":\\s*\"([^\"]+)\"");

  private static final Pattern PG_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

  /** The most rows PostgreSQL may sort: matches it found through an index and estimated as few. */
  static final long SMALL_SORT_ROWS = 200;

  private static final Pattern H2_SCAN = Pattern.compile("/\\* PUBLIC\\.(\\w+)(: ([^*]*))? \\*/");

  static final String H2_SORTS = "sorts (no \"index sorted\")";

  private PagePlanCheck() {}

  /** {@code EXPLAIN FORMAT=JSON} of MariaDB. */
  static List<String> mariadb(String json, boolean positioned) {
    List<String> problems = new ArrayList<>();
    if (json.contains("Impossible WHERE")) {
      return problems; // contradictory scope and filter: nothing is read
    }
    boolean sorts = json.contains("\"filesort\"");
    boolean onlySmallLookups = true;
    Matcher table = MARIADB_TABLE.matcher(json);
    int tables = 0;
    List<String> access = new ArrayList<>();
    while (table.find()) {
      tables++;
      String type = table.group(2);
      String rest = table.group(3);
      Matcher key = MARIADB_KEY.matcher(rest);
      Matcher length = MARIADB_KEY_LENGTH.matcher(rest);
      Matcher rows = MARIADB_ROWS.matcher(rest);
      String index = key.find() ? key.group(1) : "none";
      int keyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
      long estimated = rows.find() ? Long.parseLong(rows.group(1)) : Long.MAX_VALUE;
      // A handful of tickets found by equalities alone (a rare status of one company) is read and
      // sorted: at any table size that is cheaper than walking an index in order.
      boolean smallLookup =
          type.equals("eq_ref") || type.equals("ref") && estimated <= SMALL_SORT_ROWS;
      onlySmallLookups &= smallLookup;
      Integer needed = MARIADB_CREATED_AT_KEY_LENGTH.get(index);
      if (type.equals("ALL")) {
        access.add("scans the table");
      } else if (type.equals("eq_ref")) {
        // One row by a unique key per row read before it (the ticket of a tag row, the tag of a
        // ticket): the order and the bound come from the table read first.
        continue;
      } else if (needed == null) {
        if (!smallLookup) {
          access.add("reads " + index + ", not an index ending in (created_at, id)");
        }
      } else if (positioned && type.equals("index")) {
        access.add("walks " + index + " from its first entry (access type index)");
      } else if (positioned && keyLength < needed && !smallLookup) {
        access.add(
            type
                + " on "
                + index
                + " bounds only its leading column (key length "
                + keyLength
                + ", created_at needs "
                + needed
                + "): walks every row of that value");
      }
    }
    if (sorts && !(tables > 0 && onlySmallLookups)) {
      problems.add("sorts (filesort)");
    }
    problems.addAll(access);
    if (tables == 0) {
      problems.add("no table access found in the plan");
    }
    return problems;
  }

  /** {@code EXPLAIN (FORMAT JSON)} of PostgreSQL. */
  static List<String> postgresql(String json, boolean positioned) {
    List<String> problems = new ArrayList<>();
    if (json.contains("\"One-Time Filter\": \"false\"")) {
      return problems; // contradictory scope and filter: nothing is read
    }
    Matcher node = PG_NODE.matcher(json);
    boolean indexScan = false;
    while (node.find()) {
      String type = node.group(1);
      Matcher rows = PG_ROWS.matcher(json);
      long estimated = rows.find(node.end()) ? Long.parseLong(rows.group(1)) : Long.MAX_VALUE;
      if (type.endsWith("Sort")) {
        // A handful of matches found through an index (a rare status, a small customer) is read
        // and sorted: PostgreSQL rightly prefers that to walking an index in order.
        if (estimated > SMALL_SORT_ROWS) {
          problems.add("sorts (" + type + " of " + estimated + " rows)");
        }
      } else if (type.startsWith("Bitmap")) {
        indexScan = true;
      } else if (type.equals("Seq Scan")) {
        problems.add("reads the table without index order (" + type + ")");
      } else if (type.equals("Index Scan") || type.equals("Index Only Scan")) {
        indexScan = true;
      }
    }
    if (!indexScan) {
      problems.add("no index scan in the plan");
    }
    // A search reads the matches of its term through the trigram indexes; the position then
    // filters those few, which the small-sort rule above bounds.
    if (positioned && !json.contains("_trgm\"")) {
      Matcher cond = PG_INDEX_COND.matcher(json);
      boolean bounded = false;
      while (cond.find()) {
        bounded |= cond.group(1).contains("created_at");
      }
      if (!bounded) {
        Matcher name = PG_INDEX_NAME.matcher(json);
        problems.add(
            "walks "
                + (name.find() ? name.group(1) : "the index")
                + " from its first entry"
                + " (no Index Cond on created_at)");
      }
    }
    return problems;
  }

  /** {@code EXPLAIN} of H2 2.x: the index in a comment after the table, with the conditions it seeks on. */
  static List<String> h2(String plan, boolean positioned) {
    List<String> problems = new ArrayList<>();
    String upper = plan.toUpperCase(Locale.ROOT);
    if (upper.contains("ORDER BY") && !upper.contains("/* INDEX SORTED */")) {
      problems.add(H2_SORTS);
    }
    Matcher scan = H2_SCAN.matcher(plan);
    if (!scan.find()) {
      problems.add("no index named in the plan");
      return problems;
    }
    String index = scan.group(1);
    String conditions = scan.group(3) == null ? "" : scan.group(3).toUpperCase(Locale.ROOT);
    if (index.endsWith("TABLE_SCAN") || !index.startsWith("IX_TICKET_")) {
      problems.add("reads " + index + ", not an index ending in (created_at, id)");
    } else if (positioned && !conditions.contains("CREATED_AT")) {
      problems.add(
          "walks " + index + " from its first entry (seeks on: " + conditions.strip() + ")");
    }
    return problems;
  }
}
