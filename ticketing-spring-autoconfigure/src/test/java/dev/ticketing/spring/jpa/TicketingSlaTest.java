package dev.ticketing.spring.jpa;

import static dev.ticketing.spring.SpringFixtures.ADMIN;
import static dev.ticketing.spring.SpringFixtures.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.CreateTicket;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.Priority;
import dev.ticketing.SetFieldValues;
import dev.ticketing.SlaTargetView;
import dev.ticketing.Status;
import dev.ticketing.Ticketing;
import dev.ticketing.jpa.JpaSlaStore;
import dev.ticketing.sla.BusinessCalendar;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaFieldCondition;
import dev.ticketing.sla.SlaPolicy;
import dev.ticketing.sla.SlaTargets;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spring.SpringFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * Service levels in a Spring Boot host: written as {@code ticketing.sla.*} properties or as the
 * host's {@link SlaConfiguration} bean, kept on the JPA store's database in its transactions, and
 * the scheduler running with the context where alerts are raised.
 */
class TicketingSlaTest {

  private static final String[] OFFICE_AND_TWO_POLICIES = {
    "ticketing.sla.calendars.berlin.zone=Europe/Berlin",
    "ticketing.sla.calendars.berlin.hours.monday=08:00-12:00, 13:00-17:00",
    "ticketing.sla.calendars.berlin.hours.friday=08:00-12:00",
    "ticketing.sla.calendars.berlin.holidays=2026-04-03",
    "ticketing.sla.calendars.berlin.yearly-holidays=12-25,01-01",
    "ticketing.sla.policies[0].id=vip",
    "ticketing.sla.policies[0].tags=vip",
    "ticketing.sla.policies[0].targets.HIGH.first-response=10m",
    "ticketing.sla.policies[0].targets.HIGH.resolution=2h",
    "ticketing.sla.policies[1].id=office",
    "ticketing.sla.policies[1].calendar=berlin",
    "ticketing.sla.policies[1].warn-before=15m",
    "ticketing.sla.policies[1].reopen=RESTART",
    "ticketing.sla.policies[1].targets.HIGH.first-response=1h",
    "ticketing.sla.policies[1].targets.HIGH.next-response=2h",
    "ticketing.sla.policies[1].targets.HIGH.resolution=8h",
    "ticketing.sla.pausing=WAITING_FOR_CUSTOMER,REOPENED"
  };

  private final ApplicationContextRunner memory =
      new ApplicationContextRunner()
          .withConfiguration(TICKETING)
          .withBean(Directory.class, SpringFixtures::directory);

  @Test
  void propertiesDescribeCalendarsPoliciesAndPausingStatuses() {
    memory
        .withPropertyValues(OFFICE_AND_TWO_POLICIES)
        .run(
            context -> {
              Ticketing ticketing = context.getBean(Ticketing.class);
              assertThat(ticketing.sla().policies(ADMIN))
                  .extracting(SlaPolicy::id)
                  .containsExactly("vip", "office");
              SlaPolicy office = ticketing.sla().policies(ADMIN).get(1);
              assertThat(office.calendarId()).isEqualTo("berlin");
              assertThat(office.warnBefore()).isEqualTo(Duration.ofMinutes(15));
              assertThat(office.goal(Priority.HIGH, dev.ticketing.sla.SlaTarget.NEXT_RESPONSE))
                  .isEqualTo(Duration.ofHours(2));
              BusinessCalendar berlin = ticketing.sla().calendars(ADMIN).get(0);
              assertThat(berlin.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
              assertThat(berlin.shifts(LocalDate.of(2026, 6, 15))).hasSize(2); // a Monday
              assertThat(berlin.shifts(LocalDate.of(2026, 6, 16))).isEmpty(); // Tuesday: off
              assertThat(berlin.isHoliday(LocalDate.of(2026, 4, 3))).isTrue();
              assertThat(berlin.isHoliday(LocalDate.of(2027, 12, 25))).isTrue();

              String vip = create(ticketing, List.of("vip"));
              assertThat(ticketing.sla().targets(ADMIN, vip))
                  .extracting(SlaTargetView::policyId)
                  .containsOnly("vip");
              String plain = create(ticketing, List.of());
              assertThat(ticketing.sla().targets(ADMIN, plain))
                  .extracting(SlaTargetView::policyId)
                  .containsOnly("office");

              assertThat(ticketing.slaScheduler().isRunning()).isTrue();
            });
  }

  @Test
  void aPolicyMayBeConditionedOnCustomFieldValues() {
    memory
        .withPropertyValues(
            "ticketing.sla.policies[0].id=enterprise",
            "ticketing.sla.policies[0].fields.plan.any-of=enterprise,premium",
            "ticketing.sla.policies[0].fields.seats.at-least=100",
            "ticketing.sla.policies[0].targets.HIGH.first-response=10m",
            "ticketing.sla.policies[1].id=standard",
            "ticketing.sla.policies[1].targets.HIGH.first-response=1h")
        .run(
            context -> {
              Ticketing ticketing = context.getBean(Ticketing.class);
              SlaPolicy enterprise = ticketing.sla().policies(ADMIN).get(0);
              assertThat(enterprise.fields())
                  .containsExactlyInAnyOrder(
                      SlaFieldCondition.oneOf("plan", Set.of("enterprise", "premium")),
                      SlaFieldCondition.between("seats", java.math.BigDecimal.valueOf(100), null));
              ticketing
                  .fields()
                  .define(
                      ADMIN,
                      FieldSpec.of("plan", "Plan", FieldType.CHOICE)
                          .withChoices("free", "premium"));
              ticketing.fields().define(ADMIN, FieldSpec.of("seats", "Seats", FieldType.NUMBER));
              String id = create(ticketing, List.of());
              ticketing
                  .fields()
                  .setValues(
                      ADMIN,
                      new SetFieldValues(id, Map.of("plan", "premium", "seats", 120), null, null));
              assertThat(ticketing.sla().targets(ADMIN, id))
                  .extracting(SlaTargetView::policyId)
                  .containsOnly("enterprise");
              ticketing.fields().setValues(ADMIN, SetFieldValues.set(id, "seats", 99));
              assertThat(ticketing.sla().targets(ADMIN, id))
                  .extracting(SlaTargetView::policyId)
                  .containsOnly("standard");
            });
    memory
        .withPropertyValues(
            "ticketing.sla.policies[0].id=enterprise",
            "ticketing.sla.policies[0].fields.seats.at-least=100",
            "ticketing.sla.policies[0].fields.seats.at-most=10")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("ticketing.sla.policies[0]")
                    .hasStackTraceContaining("policy.fields.seats"));
  }

  @Test
  void theHostsBeanReplacesTheProperties() {
    SlaConfiguration host =
        SlaConfiguration.of(
                List.of(
                    SlaPolicy.everyTicket(
                        "host", SlaPolicy.allPriorities(SlaTargets.minutes(30, null, 240)))),
                BusinessCalendar.of(
                        "ny",
                        ZoneId.of("America/New_York"),
                        BusinessCalendar.WEEKDAYS,
                        "09:00-17:00")
                    .withYearlyHolidays(MonthDay.of(7, 4)))
            .pausingIn(Set.of(Status.WAITING_FOR_CUSTOMER));
    memory
        .withPropertyValues(OFFICE_AND_TWO_POLICIES)
        .withBean(SlaConfiguration.class, () -> host)
        .run(
            context -> {
              Ticketing ticketing = context.getBean(Ticketing.class);
              assertThat(ticketing.sla().policies(ADMIN))
                  .extracting(SlaPolicy::id)
                  .containsExactly("host");
              assertThat(ticketing.sla().calendars(ADMIN))
                  .extracting(BusinessCalendar::id)
                  .containsExactly("ny");
              assertThat(ticketing.slaScheduler().isRunning()).isTrue();
            });
  }

  @Test
  void withoutPoliciesNoClocksAreKeptAndTheSchedulerStaysIdle() {
    memory.run(
        context -> {
          Ticketing ticketing = context.getBean(Ticketing.class);
          String id = create(ticketing, List.of());
          assertThat(ticketing.sla().targets(ADMIN, id)).isEmpty();
          assertThat(ticketing.slaScheduler().isRunning()).isFalse();
        });
  }

  @Test
  void theSchedulerFollowsTheDispatchersSwitchAndItsOwnAndStopsWithTheContext() {
    memory
        .withPropertyValues(OFFICE_AND_TWO_POLICIES)
        .withPropertyValues("ticketing.outbox.enabled=false")
        .run(
            context ->
                assertThat(context.getBean(Ticketing.class).slaScheduler().isRunning()).isFalse());
    memory
        .withPropertyValues(OFFICE_AND_TWO_POLICIES)
        .withPropertyValues("ticketing.sla.scheduler.enabled=false")
        .run(
            context -> {
              Ticketing ticketing = context.getBean(Ticketing.class);
              assertThat(ticketing.slaScheduler().isRunning()).isFalse();
              // Clocks are still kept: another instance raises the alerts.
              assertThat(ticketing.sla().targets(ADMIN, create(ticketing, List.of()))).isNotEmpty();
            });
    Ticketing[] seen = new Ticketing[1];
    memory
        .withPropertyValues(OFFICE_AND_TWO_POLICIES)
        .run(context -> seen[0] = context.getBean(Ticketing.class));
    assertThat(seen[0].slaScheduler().isRunning()).isFalse();
    memory
        .withPropertyValues("ticketing.enabled=false")
        .withPropertyValues(OFFICE_AND_TWO_POLICIES)
        .run(context -> assertThat(context).doesNotHaveBean(Ticketing.class));
  }

  @Test
  void aMistakeInThePropertiesFailsStartUpNamingIt() {
    memory
        .withPropertyValues(
            "ticketing.sla.policies[0].id=office",
            "ticketing.sla.policies[0].calendar=nowhere",
            "ticketing.sla.policies[0].targets.HIGH.first-response=1h")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("ticketing.sla: ")
                    .hasStackTraceContaining("nowhere"));
    memory
        .withPropertyValues(
            "ticketing.sla.policies[0].id=office",
            "ticketing.sla.policies[0].targets.HIGH.first-response=-1h")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("ticketing.sla.policies[0]"));
    memory
        .withPropertyValues(
            "ticketing.sla.calendars.x.hours.monday=17:00-09:00",
            "ticketing.sla.policies[0].id=office")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("ticketing.sla.calendars.x"));
  }

  @Test
  void onJpaTheClocksLiveInTheTicketDatabaseInItsTransactions() {
    String url = SpringTestDatabase.H2.fresh("sla_spring");
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class))
        .withConfiguration(TICKETING)
        .withPropertyValues(SpringTestDatabase.H2.properties(url).toArray(String[]::new))
        .withPropertyValues("ticketing.attachments.store=memory")
        .withPropertyValues(OFFICE_AND_TWO_POLICIES)
        .withBean(Directory.class, SpringFixtures::directory)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(SlaStore.class)).isInstanceOf(JpaSlaStore.class);
              Ticketing ticketing = context.getBean(Ticketing.class);
              String id = create(ticketing, List.of("vip"));
              assertThat(ticketing.sla().targets(ADMIN, id)).hasSize(2);
              try (java.sql.Connection c =
                      context.getBean(javax.sql.DataSource.class).getConnection();
                  java.sql.PreparedStatement s =
                      c.prepareStatement(
                          "select count(*) from ticketing_sla_clock where ticket_id = ?")) {
                s.setString(1, id);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                  rs.next();
                  assertThat(rs.getInt(1)).isEqualTo(2);
                }
              }
              assertThat(ticketing.slaScheduler().raiseDue().breaches()).isZero();
            });
  }

  private static String create(Ticketing ticketing, List<String> tags) {
    return ticketing
        .service()
        .createTicket(
            ADMIN,
            new CreateTicket("Printer", "It is on fire", Priority.HIGH, null, "acme", null)
                .withTags(tags))
        .id();
  }
}
