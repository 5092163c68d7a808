package dev.ticketing.service;

import static dev.ticketing.support.Refusals.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.CreateTicket;
import dev.ticketing.PageRequest;
import dev.ticketing.SubjectView;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingOptions;
import dev.ticketing.TitleRule;
import dev.ticketing.UpdateTicket;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.support.Desk;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Subjects from the host's catalog (ids of any well-formed shape, labels in views, inactive ones
 * refused for new tickets, one catalog call per page) and tickets without titles where the host's
 * title rule derives them, while hosts that require titles keep the same validation.
 */
class SubjectsAndTitlesTest {

  static final Actor PARENT = Actor.customer("john", "acme");
  static final Actor ADMIN = Actor.admin("admin");

  static final Subject APP = new Subject("5f0c6d2e-8a51-4b7e-9a43-0d6f1e2b7c11", "App issue", true);
  static final Subject PAYMENT =
      new Subject("0b7e3c1a-44f2-4d0e-8c7b-2f4a9e6d1b20", "Payment", true);
  static final Subject RETIRED =
      new Subject("9a1d2c3b-0000-4e5f-8a6b-7c8d9e0f1a2b", "Old pricing", false);

  /** A host's subject table, counting the look-ups the engine makes; subjects can be changed while running. */
  static final class HostSubjects implements SubjectCatalog {
    final Map<String, Subject> rows = new ConcurrentHashMap<>();
    final AtomicInteger lookUps = new AtomicInteger();

    HostSubjects(Subject... subjects) {
      for (Subject s : subjects) {
        rows.put(s.id(), s);
      }
    }

    @Override
    public Map<String, Subject> subjects(Collection<String> ids) {
      lookUps.incrementAndGet();
      Map<String, Subject> found = new java.util.HashMap<>();
      ids.forEach(
          id -> {
            if (rows.containsKey(id)) {
              found.put(id, rows.get(id));
            }
          });
      return found;
    }

    @Override
    public List<Subject> all() {
      return rows.values().stream().sorted(java.util.Comparator.comparing(Subject::label)).toList();
    }
  }

  private final List<Ticketing> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Ticketing::close);
  }

  private Ticketing.Builder engine(InMemoryTicketStore store) {
    return Ticketing.builder().store(store).directory(Desk.DIRECTORY).backgroundDispatch(false);
  }

  private Ticketing open(Ticketing.Builder builder) {
    Ticketing t = builder.build();
    opened.add(t);
    return t;
  }

  @Nested
  @DisplayName("the default catalog: the configured categories")
  class DefaultCatalog {

    @Test
    void builtInCategoriesAreActiveSubjectsLabelledFromTheirNames() {
      Ticketing t = open(engine(new InMemoryTicketStore()));

      assertThat(t.service().subjects())
          .extracting(Subject::id, Subject::label)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("ACCOUNT", "Account"),
              org.assertj.core.groups.Tuple.tuple("BILLING", "Billing"),
              org.assertj.core.groups.Tuple.tuple("BUG_REPORT", "Bug report"),
              org.assertj.core.groups.Tuple.tuple("FEATURE_REQUEST", "Feature request"),
              org.assertj.core.groups.Tuple.tuple("GENERAL", "General"),
              org.assertj.core.groups.Tuple.tuple("TECHNICAL", "Technical"));
      assertThat(t.service().categories()).containsExactlyInAnyOrderElementsOf(Category.BUILT_IN);

      TicketView v =
          t.service().createTicket(PARENT, CreateTicket.of("Cannot log in", "Since today", "acme"));
      assertThat(v.category()).isEqualTo(Category.GENERAL);
      assertThat(v.subject()).isEqualTo(new SubjectView("GENERAL", "General"));
    }

    @Test
    void categoriesOfTheOptionsAreTheSubjects() {
      TicketingOptions options =
          TicketingOptions.defaults().toBuilder()
              .categories(List.of(Category.of("THERAPY_SESSION"), Category.of("payment")))
              .build();
      Ticketing t = open(engine(new InMemoryTicketStore()).options(options));

      assertThat(t.service().subjects())
          .extracting(Subject::label)
          .containsExactly("Therapy session", "payment");
      invalid(
          () -> t.service().createTicket(PARENT, CreateTicket.of("Title", "Text", "acme")),
          "category");
      invalid(
          () ->
              t.service()
                  .createTicket(
                      PARENT, new CreateTicket("Title", "Text", null, Category.TECHNICAL, null)),
          "category");
      assertThat(
              t.service()
                  .createTicket(
                      PARENT, new CreateTicket("Title", "Text", null, Category.of("payment"), null))
                  .subject()
                  .label())
          .isEqualTo("payment");
    }
  }

  @Nested
  @DisplayName("a host's catalog with UUID ids")
  class HostCatalog {
    final HostSubjects subjects = new HostSubjects(APP, PAYMENT, RETIRED);
    final InMemoryTicketStore store = new InMemoryTicketStore();
    final Ticketing t = open(engine(store).subjects(subjects));

    @Test
    void ticketsCarryTheSubjectIdAndLabel() {
      TicketView v =
          t.service()
              .createTicket(
                  PARENT, new CreateTicket("Crash", "On start", null, APP.category(), null));

      assertThat(v.category().name()).isEqualTo(APP.id());
      assertThat(v.subject()).isEqualTo(new SubjectView(APP.id(), "App issue"));
      assertThat(t.service().ticket(PARENT, v.id()).ticket().subject().label())
          .isEqualTo("App issue");
      assertThat(t.service().subjects()).containsExactly(APP, PAYMENT);
      assertThat(t.service().categories())
          .containsExactlyInAnyOrder(APP.category(), PAYMENT.category());
    }

    @Test
    void unknownInactiveAndMissingSubjectsAreViolationsOfCategoryAndNothingIsWritten() {
      ValidationException unknown =
          invalid(
              () ->
                  t.service()
                      .createTicket(
                          PARENT,
                          new CreateTicket(
                              "T",
                              "D",
                              null,
                              Category.of("1b2c3d4e-0000-4000-8000-000000000000"),
                              null)),
              "category");
      assertThat(unknown.violations())
          .extracting(Violation::message)
          .containsExactly("is not a known subject");

      ValidationException inactive =
          invalid(
              () ->
                  t.service()
                      .createTicket(
                          PARENT, new CreateTicket("T", "D", null, RETIRED.category(), null)),
              "category");
      assertThat(inactive.violations())
          .extracting(Violation::message)
          .containsExactly("is not an active subject");

      // No GENERAL in this catalog: a ticket must name its subject.
      ValidationException missing =
          invalid(
              () -> t.service().createTicket(PARENT, CreateTicket.of("T", "D", "acme")),
              "category");
      assertThat(missing.violations())
          .extracting(Violation::message)
          .containsExactly("is required");

      assertThat(store.ticketCount()).isZero();
    }

    @Test
    void aRetiredSubjectStaysOnItsTicketsButNoTicketMovesToIt() {
      TicketView v =
          t.service()
              .createTicket(PARENT, new CreateTicket("T", "D", null, PAYMENT.category(), null));
      subjects.rows.put(PAYMENT.id(), new Subject(PAYMENT.id(), "Payment", false));

      TicketView renamed =
          t.service()
              .updateTicket(
                  ADMIN, new UpdateTicket(v.id(), "Renamed", null, null, PAYMENT.category()));
      assertThat(renamed.title()).isEqualTo("Renamed");
      assertThat(renamed.subject().label()).isEqualTo("Payment");

      TicketView other =
          t.service().createTicket(PARENT, new CreateTicket("T", "D", null, APP.category(), null));
      ValidationException e =
          invalid(
              () ->
                  t.service()
                      .updateTicket(
                          ADMIN,
                          new UpdateTicket(other.id(), null, null, null, PAYMENT.category())),
              "category");
      assertThat(e.violations())
          .extracting(Violation::message)
          .containsExactly("is not an active subject");
      assertThat(t.service().ticket(ADMIN, other.id()).ticket().category())
          .isEqualTo(APP.category());
    }

    @Test
    void aSubjectTheCatalogForgotShowsItsIdAsLabel() {
      TicketView v =
          t.service().createTicket(PARENT, new CreateTicket("T", "D", null, APP.category(), null));
      subjects.rows.remove(APP.id());

      assertThat(t.service().ticket(PARENT, v.id()).ticket().subject())
          .isEqualTo(SubjectView.unknown(APP.id()));
    }

    @Test
    void aPageOfTicketsCostsOneCatalogCall() {
      for (int i = 0; i < 12; i++) {
        Subject s = i % 2 == 0 ? APP : PAYMENT;
        t.service().createTicket(PARENT, new CreateTicket("T" + i, "D", null, s.category(), null));
      }
      subjects.lookUps.set(0);

      TicketPage page =
          t.service().ticketsPaginated(ADMIN, new PageRequest(10, null, true), TicketFilter.none());

      assertThat(page.edges()).hasSize(10);
      assertThat(page.edges())
          .allSatisfy(e -> assertThat(e.node().subject().label()).isIn("App issue", "Payment"));
      assertThat(subjects.lookUps).hasValue(1);
    }
  }

  @Nested
  @DisplayName("title rules")
  class Titles {
    final HostSubjects subjects =
        new HostSubjects(
            APP,
            new Subject(
                "7d1e2f3a-1111-4222-8333-444455556666",
                "Therapy\u0007session " + "x".repeat(300),
                true));

    Ticketing with(TitleRule rule) {
      return open(
          engine(new InMemoryTicketStore())
              .subjects(subjects)
              .options(TicketingOptions.defaults().toBuilder().titles(rule).build()));
    }

    @Test
    void requiredTitlesAreRefusedWithTheMessageOfAnyBadTitle() {
      Ticketing t = with(TitleRule.REQUIRED);

      ValidationException e =
          invalid(
              () ->
                  t.service()
                      .createTicket(
                          PARENT, CreateTicket.untitled(APP.category(), "Crash on start", null)),
              "title");
      assertThat(e.violations())
          .extracting(Violation::message)
          .containsExactly(
              "must be 1 to 200 characters after trimming, without control characters");
    }

    @Test
    void fromSubjectTakesTheSubjectsLabel() {
      Ticketing t = with(TitleRule.FROM_SUBJECT);

      TicketView v =
          t.service()
              .createTicket(PARENT, CreateTicket.untitled(APP.category(), "Crash on start", null));

      assertThat(v.title()).isEqualTo("App issue");
      assertThat(
              t.service()
                  .createTicket(PARENT, new CreateTicket("Given", "D", null, APP.category(), null))
                  .title())
          .isEqualTo("Given");
    }

    @Test
    void derivedTitlesAreOneLineOfAtMost200Characters() {
      Ticketing t = with(TitleRule.FROM_SUBJECT);
      Category longOne = Category.of("7d1e2f3a-1111-4222-8333-444455556666");

      String title =
          t.service().createTicket(PARENT, CreateTicket.untitled(longOne, "D", null)).title();

      assertThat(title).startsWith("Therapy session xxx").endsWith("\u2026").hasSize(200);
    }

    @Test
    void fromDescriptionTakesItsFirstLine() {
      Ticketing t = with(TitleRule.FROM_DESCRIPTION);

      TicketView v =
          t.service()
              .createTicket(
                  PARENT,
                  CreateTicket.untitled(
                      APP.category(), "  The app crashes\nwhen I open the calendar.", null));

      assertThat(v.title()).isEqualTo("The app crashes");
      assertThat(v.description()).isEqualTo("The app crashes\nwhen I open the calendar.");
    }

    @Test
    void aGivenTitleIsValidatedUnderEveryRuleAndAllViolationsComeTogether() {
      for (TitleRule rule : TitleRule.values()) {
        Ticketing t = with(rule);
        ValidationException e =
            invalid(
                () ->
                    t.service()
                        .createTicket(
                            PARENT, new CreateTicket("  ", " ", null, Category.of("nope"), null)),
                "category",
                "description",
                "title");
        assertThat(e.violations())
            .extracting(Violation::message)
            .containsExactly("is not a known subject", "must not be blank", "must not be blank");
      }
    }
  }

  @Test
  void theInMemoryCatalogRefusesDuplicateIdsAndSubjectsNeedWellFormedIdsAndLabels() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> InMemorySubjectCatalog.of(List.of(APP, APP)))
        .hasMessageContaining("listed twice");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Subject("has space", "L", true))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Subject("id", " ", true))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Category.of("x".repeat(129)))
        .isInstanceOfSatisfying(
            dev.ticketing.ValidationException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.fields()).containsExactly("category"));
  }
}
