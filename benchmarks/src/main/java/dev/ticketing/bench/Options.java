package dev.ticketing.bench;

import dev.ticketing.bench.BenchDatabase.Vendor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Command-line options shared by {@link LoadData} and {@link Suite}. */
record Options(
    Vendor vendor,
    String databaseName,
    @Nullable String url,
    String user,
    String password,
    int tickets,
    boolean force,
    boolean quick,
    boolean jmh,
    @Nullable String out,
    int depth,
    Set<String> only,
    int streams,
    boolean resume,
    boolean jump) {

  /** The page the suite walks to by cursor before timing a deep page, unless {@code --depth} says otherwise. */
  static final int DEFAULT_DEPTH = 50_000;

  /** Whether a run measures {@code part}: every part unless {@code --only} names some. */
  boolean runs(String part) {
    return only.isEmpty() || only.contains(part);
  }

  static Options parse(String[] args) {
    Vendor vendor = Vendor.POSTGRESQL;
    String database = null;
    String url = null;
    String user = null;
    String password = "";
    int tickets = 1_000_000;
    boolean force = false;
    boolean quick = false;
    Boolean jmh = null;
    String out = null;
    int depth = DEFAULT_DEPTH;
    Set<String> only = new TreeSet<>();
    int streams = 1;
    boolean resume = false;
    boolean jump = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--vendor" -> vendor = Vendor.parse(args[++i]);
        case "--database" -> database = args[++i];
        case "--url" -> url = args[++i];
        case "--user" -> user = args[++i];
        case "--password" -> password = args[++i];
        case "--tickets" -> tickets = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
        case "--force" -> force = true;
        case "--quick" -> quick = true;
        case "--jmh" -> jmh = true;
        case "--no-jmh" -> jmh = false;
        case "--out" -> out = args[++i];
        case "--depth" -> depth = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
        case "--only" -> only.addAll(Arrays.asList(args[++i].split(",")));
        case "--streams" -> streams = Integer.parseInt(args[++i]);
        case "--resume" -> resume = true;
        case "--jump" -> jump = true;
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + a
                    + "; options: --vendor postgresql|mariadb,"
                    + " --tickets N, --database NAME, --url JDBC_URL, --user U, --password P, --force, --quick, --jmh|--no-jmh,"
                    + " --out FILE, --depth PAGE, --only PART,PART, --streams N, --resume, --jump");
      }
    }
    if (tickets < 100) {
      throw new IllegalArgumentException("--tickets must be at least 100");
    }
    if (streams < 1 || streams > 8) {
      throw new IllegalArgumentException("--streams is 1 to 8");
    }
    if (depth < 2) {
      throw new IllegalArgumentException("--depth must be at least 2 (a page after page 1)");
    }
    if (database == null) {
      database = quick ? "ticketing_bench_smoke" : "ticketing_bench";
    }
    if (user == null) {
      user = vendor == Vendor.POSTGRESQL ? "postgres" : "root";
    }
    return new Options(
        vendor,
        database,
        url,
        user,
        password,
        tickets,
        force,
        quick,
        jmh == null ? !quick : jmh,
        out,
        depth,
        Set.copyOf(only),
        streams,
        resume,
        jump);
  }

  BenchDatabase database() {
    BenchDatabase defaults = BenchDatabase.of(vendor, databaseName);
    return new BenchDatabase(vendor, url != null ? url : defaults.url(), user, password);
  }

  String vendorName() {
    return vendor.name().toLowerCase(Locale.ROOT);
  }
}
