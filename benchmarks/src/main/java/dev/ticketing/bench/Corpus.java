package dev.ticketing.bench;

import dev.ticketing.Status;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Role;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's data, a pure function of the ticket index: 1,000 companies with 5 customers
 * each, 50 agents, 2 admins; per ticket a title and description built from word lists (with rare
 * terms in about 1 of 20,000 tickets, so that a search for them is selective), a status that
 * depends on the ticket's age (old tickets are mostly closed), realistic priorities and
 * categories, and 0 to 6 comments (3 on average, a quarter of them internal notes).
 *
 * <p>Generating ticket {@code i} twice gives the same row, so the ticket and comment streams can
 * be produced by two threads, and the harness can find tickets of a given shape without reading
 * the database.
 *
 * <p>Long because the data's shape is one pure function of the ticket index: the word lists, the
 * distributions and the comment stream change together, or a loaded database stops matching what
 * the harness expects of it.
 */
final class Corpus {

  static final int COMPANIES = 1_000;
  static final int CUSTOMERS_PER_COMPANY = 5;
  static final int AGENTS = 50;
  static final int ADMINS = 2;

  /** Bumped whenever the generated data changes, so a loaded database of an older shape is reloaded. */
  static final int SHAPE_VERSION = 1;

  static final long SEED = 20261122L;

  /** Loaded tickets are spread over two years that end here; anything newer was written by the harness. */
  static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** Words that occur in about one ticket in 20,000: a search for them must not scan. */
  static final String[] RARE = {"zanzibar", "quokka", "xylograph", "kumquat", "fjordline"};

  /** Occurs only in comments (one in about 50,000): staff searches reach it, customers' do not. */
  static final String RARE_IN_COMMENTS = "pangolin";

  private static final String[] PROBLEMS = {
    "Cannot log in to",
    "Error when opening",
    "Slow loading of",
    "Missing data in",
    "Unable to export",
    "Wrong totals in",
    "Crash while saving",
    "Timeout on",
    "Duplicate entries in",
    "Question about",
    "Request access to",
    "Broken link in",
    "Cannot upload files to",
    "Notifications missing for",
    "Password reset fails for",
    "Invoice mismatch in",
    "Sync stopped for",
    "Blank page on"
  };
  private static final String[] SUBJECTS = {
    "the dashboard",
    "the billing page",
    "the mobile app",
    "the reports module",
    "the admin console",
    "the API",
    "the invoice PDF",
    "the user settings",
    "the team calendar",
    "the CSV import",
    "the webhook integration",
    "the single sign-on",
    "the search page",
    "the audit export",
    "the payment form",
    "the onboarding wizard"
  };
  private static final String[] CONTEXTS = {
    "",
    "",
    "",
    " after the update",
    " since this morning",
    " on Safari",
    " for new users",
    " in Firefox",
    " on Android",
    " after password reset",
    " for our team",
    " again",
    " since yesterday"
  };
  private static final String[] SENTENCES = {
    "When I open %s the page shows an error and nothing loads.",
    "This started after the latest release and affects several colleagues.",
    "We tried clearing the cache and logging out and in again, without success.",
    "The error code shown is ERR-%d and the request id is %s.",
    "Our account manager suggested opening a ticket with the details below.",
    "It works for some users in the team but not for others.",
    "Please let us know whether this is a known issue and when it will be fixed.",
    "The invoice for last month lists %d seats but we only have %d active users.",
    "Steps to reproduce: open %s, click export, wait about thirty seconds.",
    "Browser: %s. Operating system: %s.",
    "This is blocking our month-end close, so a quick answer would help a lot.",
    "Screenshots are attached; the timestamps are in our local time zone."
  };
  private static final String[] BROWSERS = {"Chrome 131", "Firefox 133", "Safari 18", "Edge 131"};
  private static final String[] SYSTEMS = {
    "Windows 11", "macOS 15", "Ubuntu 24.04", "iOS 18", "Android 15"
  };
  private static final String[] PUBLIC_REPLIES = {
    "Thanks for the report, we are looking into it.",
    "Could you send us the exact time the error happened and your user name?",
    "We deployed a fix; could you try again and let us know?",
    "I can reproduce it on my side now, thank you.",
    "It works again, thanks for the quick help!",
    "Still failing for me after clearing the cache.",
    "Here is the request id from the browser console: %s.",
    "We have forwarded this to our engineering team."
  };
  private static final String[] INTERNAL_NOTES = {
    "Looks like the cache invalidation bug from last sprint.",
    "Customer is on the legacy plan; check the seat count before replying.",
    "Escalated to the platform team, see incident %d.",
    "Same root cause as the ticket from yesterday; linking them.",
    "Do not promise a date yet, the fix is not scheduled."
  };

  private static final Status[] STATUSES = Status.values();
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private final int tickets;
  private final long spanMicros;

  Corpus(int tickets) {
    this.tickets = tickets;
    this.spanMicros = (END.getEpochSecond() - START.getEpochSecond()) * 1_000_000L;
  }

  int tickets() {
    return tickets;
  }

  static String companyId(int c) {
    return String.format("company-%04d", c);
  }

  static String customerId(int company, int n) {
    return String.format("customer-%04d-%d", company, n);
  }

  static String agentId(int a) {
    return String.format("agent-%02d", a);
  }

  static String adminId(int a) {
    return "admin-" + a;
  }

  /** Everyone the data mentions, as the host's directory. */
  static InMemoryDirectory directory() {
    InMemoryDirectory.Builder b = InMemoryDirectory.builder();
    for (int c = 0; c < COMPANIES; c++) {
      b.company(companyId(c), "Company " + c, "support@company" + c + ".example");
      for (int n = 0; n < CUSTOMERS_PER_COMPANY; n++) {
        b.user(
            customerId(c, n),
            "Customer" + n,
            "Of" + c,
            "c" + n + "@company" + c + ".example",
            Role.CUSTOMER);
      }
    }
    for (int a = 0; a < AGENTS; a++) {
      b.user(agentId(a), "Agent", "No" + a, "agent" + a + "@support.example", Role.AGENT);
    }
    for (int a = 0; a < ADMINS; a++) {
      b.user(adminId(a), "Admin", "No" + a, "admin" + a + "@support.example", Role.ADMIN);
    }
    return b.build();
  }

  /** One generated ticket. */
  record Ticket(
      int index,
      String id,
      String companyId,
      int company,
      String createdBy,
      String title,
      String description,
      Status status,
      String priority,
      String category,
      @Nullable String assigneeId,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant resolvedAt,
      @Nullable Instant closedAt,
      long version,
      int comments) {}

  /** One generated comment. */
  record Comment(
      String id,
      String ticketId,
      String companyId,
      String authorId,
      String content,
      boolean internal,
      Instant createdAt) {}

  Ticket ticket(int i) {
    SplittableRandom r = new SplittableRandom(SEED * 31 + i);
    String id = new UUID(r.nextLong(), r.nextLong()).toString();
    // Some companies are much busier than others: a power law over the company number.
    int company = (int) (COMPANIES * Math.pow(r.nextDouble(), 1.6));
    String creator = customerId(company, r.nextInt(CUSTOMERS_PER_COMPANY));
    Instant created =
        START.plusNanos((spanMicros / tickets * (long) i + r.nextInt(1_000_000)) * 1000L);
    double age = (double) i / tickets; // 0 oldest, 1 newest
    Status status = status(r, age);
    int p = r.nextInt(100);
    String priority = p < 25 ? "LOW" : p < 75 ? "MEDIUM" : p < 93 ? "HIGH" : "URGENT";
    int k = r.nextInt(100);
    String category =
        k < 35
            ? "TECHNICAL"
            : k < 50
                ? "BILLING"
                : k < 65
                    ? "ACCOUNT"
                    : k < 80 ? "BUG_REPORT" : k < 90 ? "FEATURE_REQUEST" : "GENERAL";
    String assignee =
        status == Status.OPEN || (status != Status.REOPENED && r.nextInt(100) < 4)
            ? null
            : agentId(r.nextInt(AGENTS));
    String subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
    String title =
        PROBLEMS[r.nextInt(PROBLEMS.length)] + " " + subject + CONTEXTS[r.nextInt(CONTEXTS.length)];
    StringBuilder d = new StringBuilder(400);
    int sentences = 2 + r.nextInt(4);
    for (int s = 0; s < sentences; s++) {
      if (s > 0) {
        d.append(' ');
      }
      d.append(sentence(r, subject));
    }
    if (r.nextInt(20_000) == 0) {
      d.append(" Our internal code name for this is ")
          .append(RARE[r.nextInt(RARE.length)])
          .append('.');
    }
    if (r.nextInt(40_000) == 0) {
      title = title + " (" + RARE[r.nextInt(RARE.length)] + ")";
    }
    int comments = r.nextInt(7);
    Instant updated = created.plusSeconds(60L * (1 + r.nextInt(60 * 24 * 3)));
    Instant resolved = status == Status.RESOLVED || status == Status.CLOSED ? updated : null;
    Instant closed = status == Status.CLOSED ? updated : null;
    long version = 1 + r.nextInt(5);
    return new Ticket(
        i,
        id,
        companyId(company),
        company,
        creator,
        title,
        d.toString(),
        status,
        priority,
        category,
        assignee,
        created,
        updated,
        resolved,
        closed,
        version,
        comments);
  }

  private static Status status(SplittableRandom r, double age) {
    int x = r.nextInt(100);
    if (age < 0.95) { // settled history
      return x < 72
          ? Status.CLOSED
          : x < 88
              ? Status.RESOLVED
              : x < 95 ? Status.CANCELLED : x < 97 ? Status.REOPENED : STATUSES[r.nextInt(3)];
    }
    // the recent 5 %: the live queue
    return x < 25
        ? Status.OPEN
        : x < 50
            ? Status.IN_PROGRESS
            : x < 65
                ? Status.WAITING_FOR_CUSTOMER
                : x < 80
                    ? Status.RESOLVED
                    : x < 88 ? Status.CLOSED : x < 94 ? Status.REOPENED : Status.CANCELLED;
  }

  private static String sentence(SplittableRandom r, String subject) {
    int n = r.nextInt(SENTENCES.length);
    String s = SENTENCES[n];
    return switch (n) {
      case 0, 8 -> String.format(s, subject);
      case 3 -> String.format(s, 1000 + r.nextInt(9000), Long.toHexString(r.nextLong()));
      case 7 -> String.format(s, 10 + r.nextInt(90), 5 + r.nextInt(5));
      case 9 ->
          String.format(
              s, BROWSERS[r.nextInt(BROWSERS.length)], SYSTEMS[r.nextInt(SYSTEMS.length)]);
      default -> s;
    };
  }

  /** The comments of ticket {@code t}, oldest first. */
  Comment[] comments(Ticket t) {
    SplittableRandom r = new SplittableRandom(SEED * 131 + t.index());
    Comment[] out = new Comment[t.comments()];
    Instant at = t.createdAt();
    String staff = t.assigneeId() != null ? t.assigneeId() : agentId(t.index() % AGENTS);
    for (int j = 0; j < out.length; j++) {
      at = at.plusSeconds(60L * (5 + r.nextInt(600)));
      boolean internal = r.nextInt(4) == 0;
      String id = new UUID(r.nextLong(), r.nextLong()).toString();
      String content;
      String author;
      if (internal) {
        author = staff;
        content =
            String.format(INTERNAL_NOTES[r.nextInt(INTERNAL_NOTES.length)], 100 + r.nextInt(900));
      } else {
        author = j % 2 == 0 ? staff : t.createdBy();
        content =
            String.format(
                PUBLIC_REPLIES[r.nextInt(PUBLIC_REPLIES.length)], Long.toHexString(r.nextLong()));
      }
      if (r.nextInt(50_000) == 0) {
        content = content + " Possibly related to " + RARE_IN_COMMENTS + ".";
      }
      out[j] = new Comment(id, t.id(), t.companyId(), author, content, internal, at);
    }
    return out;
  }

  // ---- rows in the text format both PostgreSQL COPY and MariaDB LOAD DATA read (tab, \N,
  // backslash escapes)

  static final String TICKET_COLUMNS =
      "id, company_id, created_by, title, description, status, priority, category,"
          + " assignee_id, created_at, updated_at, resolved_at, closed_at, deleted_at, deleted_by, status_before_delete,"
          + " version, requester_id";
  static final String COMMENT_COLUMNS =
      "id, ticket_id, author_id, content, internal, external_id, created_at, updated_at,"
          + " company_id";

  static void ticketRow(StringBuilder out, Ticket t) {
    text(out, t.id()).append('\t');
    text(out, t.companyId()).append('\t');
    text(out, t.createdBy()).append('\t');
    text(out, t.title()).append('\t');
    text(out, t.description()).append('\t');
    out.append(t.status().name())
        .append('\t')
        .append(t.priority())
        .append('\t')
        .append(t.category())
        .append('\t');
    text(out, t.assigneeId()).append('\t');
    time(out, t.createdAt()).append('\t');
    time(out, t.updatedAt()).append('\t');
    time(out, t.resolvedAt()).append('\t');
    time(out, t.closedAt()).append('\t');
    out.append("\\N\t\\N\t\\N\t").append(t.version()).append('\t');
    text(out, t.createdBy()).append('\n');
  }

  static void commentRow(StringBuilder out, Comment c) {
    text(out, c.id()).append('\t');
    text(out, c.ticketId()).append('\t');
    text(out, c.authorId()).append('\t');
    text(out, c.content()).append('\t');
    out.append(c.internal() ? '1' : '0').append("\t\\N\t");
    time(out, c.createdAt()).append('\t');
    time(out, c.createdAt()).append('\t');
    text(out, c.companyId()).append('\n');
  }

  private static StringBuilder text(StringBuilder out, @Nullable String s) {
    if (s == null) {
      return out.append("\\N");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out;
  }

  /** UTC wall time without a zone: PostgreSQL reads it in the session's zone (set to UTC), MariaDB stores it as is. */
  private static StringBuilder time(StringBuilder out, @Nullable Instant t) {
    return t == null
        ? out.append("\\N")
        : out.append(SQL_TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)));
  }
}
