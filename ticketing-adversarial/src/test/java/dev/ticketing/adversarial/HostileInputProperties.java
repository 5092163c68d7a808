package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * Hostile input on the real stores, PostgreSQL and MariaDB: every command of the service, with
 * strings full of control and bidirectional characters, unpaired surrogates, NUL, megabyte
 * strings, SQL and HTML metacharacters and path traversal, with malformed, unknown and misplaced
 * ids, out-of-range sizes, page sizes, instants and cursors. Every call either succeeds or ends in
 * a coded {@link TicketingException} — never another exception, and never {@code UNAVAILABLE},
 * which would mean the database choked on what validation let through; a validation error names
 * the fields at fault; a refused call writes nothing; and text that was accepted comes back from
 * the database byte for byte as sent (trimmed), whatever it contains.
 */
class HostileInputProperties {

  /** A string for reports: its length and an escaped head, not a megabyte of it. */
  record Text(@Nullable String value) {
    @Override
    public String toString() {
      if (value == null) {
        return "null";
      }
      String head = value.length() > 60 ? value.substring(0, 60) : value;
      String escaped =
          head.chars()
              .mapToObj(
                  c ->
                      c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c))
              .collect(Collectors.joining());
      return "\"" + escaped + (value.length() > 60 ? "\"...(" + value.length() + " chars)" : "\"");
    }
  }

  /** An id: a reference to one of the try's real objects, or a literal. */
  record Id(@Nullable String ref, @Nullable Text literal) {
    @Nullable String resolve(Target t) {
      if (ref == null) {
        return literal == null ? null : literal.value();
      }
      return switch (ref) {
        case "ticket" -> t.ticketId();
        case "comment" -> t.commentId();
        case "note" -> t.noteId();
        case "key" -> t.key();
        case "company" -> "acme";
        case "otherCompany" -> "globex";
        default -> throw new IllegalArgumentException(ref);
      };
    }

    @Override
    public String toString() {
      return ref != null ? "@" + ref : String.valueOf(literal);
    }
  }

  /** What a call may name: a fresh ticket of John's with a reply, an internal note and an uploaded, unconfirmed file. */
  record Target(String ticketId, String commentId, String noteId, String key) {}

  // ------------------------------------------------------------------ hostile values

  static final List<String> FRAGMENTS =
      List.of(
          "'; drop table ticketing_ticket; --",
          "' or '1'='1",
          "\\",
          "\\\\",
          "%",
          "_",
          "!",
          "\\%",
          "%_!",
          "<script>alert(1)</script>",
          "<b>",
          "&lt;",
          "&amp;",
          "\"",
          "'",
          "`",
          "${jndi:ldap://x}",
          "{{ticketTitle}}",
          "../",
          "..\\",
          "../../etc/passwd",
          "/etc/passwd",
          "C:\\Windows\\win.ini",
          "%2e%2e%2f",
          "....//",
          "..",
          "\u0000",
          "\r\n",
          "\r",
          "\n",
          "\t",
          "\u000B",
          "\f",
          "\u001B[31m",
          "\u007F",
          "\u0085",
          "\u009F",
          "\u2028",
          "\u2029",
          "\u202E",
          "\u202D",
          "\u2066",
          "\u2069",
          "\u200E",
          "\u200F",
          "\u061C",
          "\u200B",
          "\uFEFF",
          "\uD800",
          "\uDBFF",
          "\uDC00",
          "\uDFFF",
          "\uD83D",
          "😀",
          "👩‍👩‍👧",
          "\uD83D\uDE00",
          "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
          "é",
          "e\u0301",
          "ﬁ",
          "İ",
          "ß",
          "\uFFFF",
          "\uFFFE",
          "\uE000",
          "\u0301",
          " ",
          "   ",
          "",
          "NULL",
          "null",
          "Ⅷ",
          "١٢٣",
          "日本語",
          "שלום",
          "a");

  static final List<String> HUGE =
      List.of(
          "A".repeat(1 << 20),
          "😀".repeat(1 << 18),
          "x".repeat(201),
          "😀".repeat(200),
          "😀".repeat(201),
          "y".repeat(10_000),
          "y".repeat(10_001),
          "😀".repeat(10_000),
          " ".repeat(1000) + "z" + "\n".repeat(1000),
          "\u0000".repeat(1000),
          "<".repeat(10_000),
          "'".repeat(10_000),
          "a/".repeat(600) + "name.txt",
          ".".repeat(300) + "/" + "é".repeat(300) + ".pdf");

  static Arbitrary<Text> text() {
    Arbitrary<String> fragment =
        Arbitraries.oneOf(
            Arbitraries.of(FRAGMENTS),
            Arbitraries.of(FRAGMENTS),
            Arbitraries.strings().all().ofMaxLength(12),
            Arbitraries.strings().withCharRange('\u0000', '\u001F').ofMinLength(1).ofMaxLength(3),
            Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars(' ', '.', '-')
                .ofMinLength(1)
                .ofMaxLength(30));
    Arbitrary<String> composed =
        fragment.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, composed),
            net.jqwik.api.Tuple.of(2, Arbitraries.of(HUGE)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)))
        .map(Text::new);
  }

  static Arbitrary<Id> id(String... refs) {
    Arbitrary<Id> literal =
        Arbitraries.oneOf(
                Arbitraries.of(
                    "",
                    " ",
                    "a b",
                    "../x",
                    "x".repeat(129),
                    "١٢٣",
                    "id\u0000",
                    "'; drop table x; --",
                    "ÄÖ",
                    "-leading",
                    ".dot",
                    "no-such-ticket",
                    "0199be38-0000-7000-8000-000000000000",
                    "a".repeat(128),
                    "tickets/attachments/../../secret",
                    "tickets/attachments/x/y/z.txt\u0000",
                    "x%_!"),
                text().map(Text::value))
            .map(s -> new Id(null, new Text(s)));
    if (refs.length == 0) {
      return literal;
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of(refs).map(r -> new Id(r, null))),
        net.jqwik.api.Tuple.of(2, literal));
  }

  static Arbitrary<Long> size() {
    return Arbitraries.oneOf(
        Arbitraries.of(-1L, 0L, 1L, 104_857_600L, 104_857_601L, Long.MAX_VALUE, Long.MIN_VALUE),
        Arbitraries.longs().between(1, 10_000));
  }

  static Arbitrary<Integer> pageSize() {
    return Arbitraries.of(-1, 0, 1, 20, 100, 101, Integer.MAX_VALUE, Integer.MIN_VALUE);
  }

  static Arbitrary<Instant> instant() {
    return Arbitraries.of(
            Instant.MIN,
            Instant.MAX,
            Instant.EPOCH,
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("0999-12-31T23:59:59Z"),
            Instant.parse("1000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("2025-10-07T10:00:00.123456789Z"),
            Instant.ofEpochSecond(-62_135_596_801L))
        .injectNull(0.15);
  }

  static Arbitrary<Text> cursor() {
    Arbitrary<String> forged =
        Arbitraries.of(
                "k1:99999999999999:0:abc",
                "k1:-99999999999999:0:abc",
                "k1:1759831200:999999999:abc",
                "k1:1759831200:0:id\u0000",
                "k1:253402300800:0:abc",
                "k1:-30610224001:0:abc",
                "k1:1759831200:0:" + "a".repeat(128),
                "k1:1759831200:-1:abc",
                "k2:1:0:abc",
                "k1:1:0:../x")
            .map(
                raw ->
                    Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(forged.map(Text::new), text());
  }

  static Arbitrary<Category> category() {
    return Arbitraries.of(Category.GENERAL, Category.BILLING, Category.of("NOT_CONFIGURED"))
        .injectNull(0.4);
  }

  // ------------------------------------------------------------------ the calls

  /** One call of the service with hostile input; {@link #fields()} are the names a violation may carry. */
  sealed interface Call
      permits Create,
          Update,
          Move,
          Assign,
          Comment,
          Upload,
          Confirm,
          External,
          Delete,
          Restore,
          Purge,
          Resolve,
          Read,
          ByCompany,
          Listing,
          Page,
          Stats,
          History {
    Object run(TicketService s, Actor actor, Target t);

    Set<String> fields();
  }

  record Create(
      Text title,
      Text description,
      @Nullable Priority priority,
      @Nullable Category category,
      Id companyId)
      implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.createTicket(
          a,
          new CreateTicket(
              title.value(), description.value(), priority, category, companyId.resolve(t)));
    }

    public Set<String> fields() {
      return Set.of("input", "title", "description", "category", "companyId");
    }
  }

  record Update(
      Id id, Text title, Text description, @Nullable Priority priority, @Nullable Category category)
      implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.updateTicket(
          a,
          new UpdateTicket(id.resolve(t), title.value(), description.value(), priority, category));
    }

    public Set<String> fields() {
      return Set.of("input", "id", "title", "description", "category");
    }
  }

  record Move(Id id, @Nullable Status status) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.changeStatus(a, new ChangeStatus(id.resolve(t), status));
    }

    public Set<String> fields() {
      return Set.of("input", "ticketId", "status");
    }
  }

  record Assign(Id id, Id assignee) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.assignTicket(a, new AssignTicket(id.resolve(t), assignee.resolve(t)));
    }

    public Set<String> fields() {
      return Set.of("input", "ticketId", "assignedToId");
    }
  }

  record Comment(Id id, Text content, boolean internal) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.addComment(a, new AddComment(id.resolve(t), content.value(), internal));
    }

    public Set<String> fields() {
      return Set.of("input", "ticketId", "content");
    }
  }

  record Upload(Id id, Text fileName, Text contentType, long fileSize) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.requestUpload(
          a, new RequestUpload(id.resolve(t), fileName.value(), contentType.value(), fileSize));
    }

    public Set<String> fields() {
      return Set.of("input", "ticketId", "fileName", "contentType", "fileSize");
    }
  }

  record Confirm(Id id, Id key, Id commentId) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.confirmAttachment(
          a, new ConfirmAttachment(id.resolve(t), key.resolve(t), commentId.resolve(t)));
    }

    public Set<String> fields() {
      return Set.of("input", "ticketId", "key", "commentId");
    }
  }

  record External(Id externalId, Id id, Text content, @Nullable Instant createdAt, boolean internal)
      implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.recordExternalNote(
          a,
          new ExternalNote(
              externalId.resolve(t), id.resolve(t), content.value(), createdAt, internal));
    }

    public Set<String> fields() {
      return Set.of("note", "externalId", "ticketId", "content", "createdAt");
    }
  }

  record Delete(Id id) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.deleteTicket(a, id.resolve(t));
    }

    public Set<String> fields() {
      return Set.of("id");
    }
  }

  record Restore(Id id) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.restoreTicket(a, id.resolve(t));
    }

    public Set<String> fields() {
      return Set.of("id");
    }
  }

  record Purge(Id id) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      s.purgeTicket(a, id.resolve(t));
      return "purged";
    }

    public Set<String> fields() {
      return Set.of("id");
    }
  }

  record Resolve(List<Id> ids) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.resolveTickets(
          a,
          ids == null
              ? null
              : Arrays.asList(ids.stream().map(i -> i.resolve(t)).toArray(String[]::new)));
    }

    public Set<String> fields() {
      Set<String> out = new java.util.HashSet<>(Set.of("ticketIds"));
      for (int i = 0; i < 101; i++) {
        out.add("ticketIds[" + i + "]");
      }
      return out;
    }
  }

  record Read(Id id) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.ticket(a, id.resolve(t));
    }

    public Set<String> fields() {
      return Set.of("id");
    }
  }

  record ByCompany(Id companyId) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.ticketsByCompany(a, companyId.resolve(t));
    }

    public Set<String> fields() {
      return Set.of("companyId");
    }
  }

  record Listing(
      Id companyId, Id createdBy, Text searchTerm, @Nullable Instant from, @Nullable Instant to)
      implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.tickets(
          a,
          TicketFilter.builder()
              .companyId(companyId.resolve(t))
              .createdBy(createdBy.resolve(t))
              .searchTerm(searchTerm.value())
              .createdFrom(from)
              .createdTo(to)
              .build());
    }

    public Set<String> fields() {
      return Set.of("filter", "companyId", "createdBy", "searchTerm", "createdFrom", "createdTo");
    }
  }

  record Page(int first, Text after, Id assignedToId, Text searchTerm, @Nullable Instant from)
      implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.ticketsPaginated(
          a,
          new PageRequest(first, after.value(), true),
          TicketFilter.builder()
              .assignedToId(assignedToId.resolve(t))
              .searchTerm(searchTerm.value())
              .createdFrom(from)
              .build());
    }

    public Set<String> fields() {
      return Set.of(
          "page", "filter", "first", "after", "assignedToId", "searchTerm", "createdFrom");
    }
  }

  record Stats(Id companyId) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.ticketStats(a, companyId.resolve(t));
    }

    public Set<String> fields() {
      return Set.of("companyId");
    }
  }

  record History(Id id) implements Call {
    public Object run(TicketService s, Actor a, Target t) {
      return s.history(a, id.resolve(t));
    }

    public Set<String> fields() {
      return Set.of("id");
    }
  }

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<Priority> priority = Arbitraries.of(Priority.class).injectNull(0.4);
    Arbitrary<Text> contentType =
        Arbitraries.oneOf(
            text(),
            Arbitraries.of(
                    "text/plain",
                    "TEXT/PLAIN; charset=\u0000",
                    "image/png\r\nX-Evil: 1",
                    "text/html",
                    "image/svg+xml",
                    "application/pdf ; x=y",
                    " image/png ")
                .map(Text::new));
    return Arbitraries.oneOf(
        Combinators.combine(text(), text(), priority, category(), id("company", "otherCompany"))
            .as(Create::new),
        Combinators.combine(id("ticket", "comment"), text(), text(), priority, category())
            .as(Update::new),
        Combinators.combine(id("ticket"), Arbitraries.of(Status.class).injectNull(0.2))
            .as(Move::new),
        Combinators.combine(id("ticket"), id("ticket")).as(Assign::new),
        Combinators.combine(id("ticket", "comment"), text(), Arbitraries.of(true, false))
            .as(Comment::new),
        Combinators.combine(id("ticket"), text(), contentType, size()).as(Upload::new),
        Combinators.combine(id("ticket"), id("key", "key"), id("comment", "note")).as(Confirm::new),
        Combinators.combine(id(), id("ticket"), text(), instant(), Arbitraries.of(true, false))
            .as(External::new),
        id("ticket", "comment").map(Delete::new),
        id("ticket").map(Restore::new),
        id("ticket").map(Purge::new),
        id("ticket", "comment").list().ofMaxSize(3).injectNull(0.1).map(Resolve::new),
        id("ticket", "note").map(Read::new),
        id("company").map(ByCompany::new),
        Combinators.combine(id("company"), id(), text(), instant(), instant()).as(Listing::new),
        Combinators.combine(pageSize(), cursor(), id(), text(), instant()).as(Page::new),
        id("company").injectNull(0.3).map(i -> new Stats(i == null ? new Id(null, null) : i)),
        id("ticket").map(History::new));
  }

  @Provide
  Arbitrary<Actor> actors() {
    return Arbitraries.of(Desk.ADMIN, Desk.ADMIN, Desk.ROOT, Desk.JOHN);
  }

  // ------------------------------------------------------------------ the property

  private static final Map<Db, Desk> DESKS = new HashMap<>();

  @AfterContainer
  static void closeDesks() {
    DESKS.values().forEach(Desk::close);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
  void every_command_with_hostile_input_on_postgresql_is_coded_and_stores_text_exactly(
      @ForAll("calls") Call call, @ForAll("actors") Actor actor) {
    check(Db.POSTGRESQL, call, actor);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
  void every_command_with_hostile_input_on_mariadb_is_coded_and_stores_text_exactly(
      @ForAll("calls") Call call, @ForAll("actors") Actor actor) {
    check(Db.MARIADB, call, actor);
  }

  /** The one combination that reaches PostgreSQL's refusal of NUL if validation lets it through. */
  @Example
  void a_key_with_nul_is_a_validation_error_not_a_database_failure() {
    for (Db db : Db.values()) {
      check(
          db,
          new Confirm(
              new Id("ticket", null),
              new Id(null, new Text("tickets/attachments/x\u0000")),
              new Id(null, null)),
          Desk.ADMIN);
    }
  }

  /** Instants every store can hold, and none other: the database must never be the one to say no. */
  @Example
  void instants_beyond_what_the_databases_hold_are_validation_errors() {
    Id none = new Id(null, null);
    Text noText = new Text(null);
    for (Db db : Db.values()) {
      for (Instant far :
          List.of(
              Instant.MAX,
              Instant.MIN,
              Instant.parse("+10000-01-01T00:00:00Z"),
              Instant.parse("0999-12-31T23:59:59Z"),
              Instant.parse("-0001-01-01T00:00:00Z"))) {
        check(
            db,
            new External(
                new Id(null, new Text("far-" + far.getEpochSecond())),
                new Id("ticket", null),
                new Text("From far away"),
                far,
                false),
            Desk.ADMIN);
        check(db, new Listing(none, none, noText, far, null), Desk.ADMIN);
        check(db, new Listing(none, none, noText, null, far), Desk.ADMIN);
        check(db, new Page(10, noText, none, noText, far), Desk.ADMIN);
      }
    }
  }

  /** A forged cursor is the client's invention: always a validation error of {@code after}, never the database's problem. */
  @Example
  void forged_cursors_are_validation_errors_on_every_store() {
    Id none = new Id(null, null);
    for (Db db : Db.values()) {
      for (String raw :
          List.of(
              "k1:99999999999999:0:abc",
              "k1:-99999999999999:0:abc",
              "k1:253402300800:0:abc",
              "k1:-30610224001:0:abc",
              "k1:31556889864403199:999999999:abc")) {
        String cursor =
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        check(db, new Page(10, new Text(cursor), none, new Text(null), null), Desk.ADMIN);
      }
    }
  }

  private static void check(Db db, Call call, Actor actor) {
    Desk desk = DESKS.computeIfAbsent(db, Desk::new);
    Target target = target(desk);
    desk.blobs.takeIssued();
    Map<String, List<List<Object>>> before = db.fingerprint();
    Object result;
    try {
      result = call.run(desk.service, actor, target);
    } catch (TicketingException e) {
      Statistics.label("outcome").collect(e.code());
      assertThat(e.code())
          .as("%s by %s: %s", call, actor.id(), e.getMessage())
          .isNotEqualTo(ErrorCode.UNAVAILABLE);
      if (e instanceof ValidationException v) {
        assertThat(v.violations()).as("%s", call).isNotEmpty();
        for (Violation violation : v.violations()) {
          assertThat(violation.field()).as("%s: %s", call, v.getMessage()).isIn(call.fields());
          assertThat(violation.message()).isNotBlank();
        }
      }
      assertThat(db.fingerprint())
          .as("%s by %s was refused (%s) but wrote something", call, actor.id(), e.getMessage())
          .isEqualTo(before);
      assertThat(desk.blobs.takeIssued()).as("URLs issued for a refused %s", call).isEmpty();
      return;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(call + " by " + actor.id() + " threw an uncoded " + e, e);
    }
    Statistics.label("outcome").collect("ok");
    storedExactly(db, call, result);
  }

  /** What was accepted is in the database exactly as sent (trimmed), read back by JDBC. */
  private static void storedExactly(Db db, Call call, Object result) {
    if (call instanceof Create c) {
      String id = ((TicketView) result).id();
      assertSame(
          db.text("select title from ticketing_ticket where id = ?", id),
          c.title().value().strip());
      assertSame(
          db.text("select description from ticketing_ticket where id = ?", id),
          c.description().value().strip());
    } else if (call instanceof Update u) {
      String id = ((TicketView) result).id();
      if (u.title().value() != null) {
        assertSame(
            db.text("select title from ticketing_ticket where id = ?", id),
            u.title().value().strip());
      }
      if (u.description().value() != null) {
        assertSame(
            db.text("select description from ticketing_ticket where id = ?", id),
            u.description().value().strip());
      }
    } else if (call instanceof Comment c) {
      assertSame(
          db.text(
              "select content from ticketing_comment where id = ?", ((CommentView) result).id()),
          c.content().value().strip());
    } else if (call instanceof External e) {
      CommentView note = (CommentView) result;
      if (note.content().equals(e.content().value().strip())) {
        assertSame(
            db.text("select content from ticketing_comment where id = ?", note.id()),
            e.content().value().strip());
      }
    } else if (call instanceof Upload) {
      UploadUrl url = (UploadUrl) result;
      String[] segments = url.key().split("/", -1);
      assertThat(segments).as("key %s", url.key()).hasSize(5);
      String name = segments[4];
      assertThat(name).isNotEmpty().doesNotStartWith(".").doesNotContain("\\").isNotEqualTo("..");
      assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
      assertThat(name.codePoints())
          .noneMatch(
              cp ->
                  Character.isISOControl(cp)
                      || Character.getType(cp) == Character.FORMAT
                      || Character.getType(cp) == Character.SURROGATE);
      assertSame(
          db.text("select file_name from ticketing_upload_grant where object_key = ?", url.key()),
          name);
    }
  }

  private static void assertSame(String stored, String sent) {
    assertThat(stored.getBytes(StandardCharsets.UTF_8))
        .as("stored %s, sent %s", new Text(stored), new Text(sent))
        .isEqualTo(sent.getBytes(StandardCharsets.UTF_8));
  }

  private static final Map<Db, Target> TARGETS = new HashMap<>();

  /**
   * A ticket of John's with a reply, an internal note and an uploaded file awaiting confirmation:
   * the one of the last try while it is still all that, otherwise a fresh one.
   */
  private static Target target(Desk desk) {
    Target last = TARGETS.get(desk.db);
    if (last != null) {
      var ticket = desk.store.findTicket(last.ticketId());
      if (ticket.isPresent()
          && !ticket.get().deleted()
          && ticket.get().status() == Status.OPEN
          && desk.store.findUploadGrant(last.key()).isPresent()) {
        return last;
      }
    }
    Target fresh = freshTarget(desk);
    TARGETS.put(desk.db, fresh);
    return fresh;
  }

  private static Target freshTarget(Desk desk) {
    TicketService s = desk.service;
    String ticketId =
        s.createTicket(Desk.JOHN, CreateTicket.of("Target", "Of hostile input", "acme")).id();
    String comment = s.addComment(Desk.ADMIN, new AddComment(ticketId, "A reply", false)).id();
    String note = s.addComment(Desk.ADMIN, new AddComment(ticketId, "A note", true)).id();
    UploadUrl url =
        s.requestUpload(Desk.JOHN, new RequestUpload(ticketId, "file.txt", "text/plain", 4));
    S3.upload(url, "file".getBytes(StandardCharsets.UTF_8));
    desk.deliver();
    return new Target(ticketId, comment, note, url.key());
  }
}
