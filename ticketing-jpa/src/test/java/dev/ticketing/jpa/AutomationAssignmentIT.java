package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.Condition;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleEvent;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.SamplePeople;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A trigger assigning new tickets by strategy, on two instances sharing one database while
 * customers create tickets at once: the pick's claim runs in the rule's unit of work, so no agent
 * ever holds more than their capacity and every agent's load matches their open tickets.
 */
class AutomationAssignmentIT {

  private static final int CAPACITY = 3;
  private static final int RACERS = 6;
  private static final int EACH = 3;

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB"})
  void rulesAssignByLeastLoadedWithinCapacity(TestDatabase db) throws Exception {
    db.truncate();
    try (Ticketing a = instance(db.start().factory());
        Ticketing b =
            instance(TicketingPersistence.entityManagerFactory(db.start().dataSource()))) {
      a.assignment()
          .saveAgent(SamplePeople.ADMIN, AgentSettings.of("sarah", CAPACITY, "category:billing"));
      a.assignment()
          .saveAgent(SamplePeople.ADMIN, AgentSettings.of("mike", CAPACITY, "category:billing"));
      a.automations()
          .create(
              SamplePeople.ADMIN,
              RuleDefinition.trigger(
                  "billing by load",
                  1,
                  Set.of(RuleEvent.CREATED),
                  List.of(new Condition.CategoryIs(Set.of(Category.BILLING))),
                  List.of(
                      new RuleAction.AssignByStrategy(
                          AssignmentStrategy.LEAST_LOADED, List.of("category:billing")))));

      List<Race.Outcome<List<TicketView>>> outcomes =
          Race.run(
              RACERS,
              i ->
                  () -> {
                    List<TicketView> made = new ArrayList<>();
                    for (int k = 0; k < EACH; k++) {
                      CreateTicket input =
                          new CreateTicket(
                              "Invoice " + i + "-" + k,
                              "Wrong",
                              Priority.HIGH,
                              Category.BILLING,
                              null);
                      // No retry: creating a ticket never conflicts, on MariaDB neither (the clock
                      // is
                      // written with one upsert, taking no gap lock first).
                      made.add(
                          (i % 2 == 0 ? a : b).service().createTicket(SamplePeople.JOHN, input));
                    }
                    return made;
                  });

      int assigned = 0;
      for (Race.Outcome<List<TicketView>> o : outcomes) {
        assertThat(o.failure()).as(o.stackTrace()).isNull();
        assigned += (int) o.value().stream().filter(t -> t.assignedTo() != null).count();
      }
      assertThat(assigned).as("every place filled, none more").isEqualTo(2 * CAPACITY);
      Map<String, Integer> open = openTicketsPerAgent(db);
      assertThat(open).containsOnlyKeys("sarah", "mike");
      for (AgentState s : a.assignment().agents(SamplePeople.ADMIN)) {
        assertThat(open.get(s.agentId())).isEqualTo(CAPACITY).isEqualTo(s.load());
      }
      assertThat(b.assignment().reconcile(SamplePeople.ADMIN)).isEmpty();
    }
  }

  private static Map<String, Integer> openTicketsPerAgent(TestDatabase db) throws Exception {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select assignee_id, count(*) from ticketing_ticket where assignee_id is not null"
                    + " group by assignee_id")) {
      while (r.next()) {
        out.put(r.getString(1), r.getInt(2));
      }
    }
    return out;
  }

  private static Ticketing instance(EntityManagerFactory factory) {
    JpaTransactions tx = new ResourceLocalTransactions(factory);
    return Ticketing.builder()
        .store(new JpaTicketStore(tx))
        .automationStore(new JpaAutomationStore(tx))
        .automations(AutomationSettings.defaults())
        .assignmentStore(new JpaAssignmentStore(tx))
        .blobStore(new InMemoryBlobStore(Clock.systemUTC()))
        .directory(SamplePeople.directory())
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }
}
