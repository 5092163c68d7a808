package dev.ticketing.spring.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Status;
import dev.ticketing.policy.Grant;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.Reach;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import dev.ticketing.spring.autoconfigure.TicketingCustomizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The permission matrix as {@code ticketing.policy.*} properties: the documented support-module
 * block gives exactly its matrix, cell by cell; the standard base is the default matrix; every kind
 * of mistake stops the start with a message naming its property.
 */
class PolicyPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TicketingAutoConfiguration.class));

  static MatrixPolicy matrix(AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    PermissionPolicy policy = context.getBean(PermissionPolicy.class);
    assertThat(policy).isInstanceOf(MatrixPolicy.class);
    return (MatrixPolicy) policy;
  }

  /** The YAML block of docs/configuration.md that follows the given marker, as property pairs. */
  static String[] documentedBlock(String marker) throws IOException {
    String docs = Files.readString(Path.of("../docs/configuration.md"));
    int at = docs.indexOf("<!-- " + marker + " -->");
    assertThat(at).as("marker %s in docs/configuration.md", marker).isNotNegative();
    int start = docs.indexOf("```yaml\n", at) + "```yaml\n".length();
    String yaml = docs.substring(start, docs.indexOf("```", start));
    List<PropertySource<?>> sources =
        new YamlPropertySourceLoader()
            .load("docs", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
    List<String> pairs = new ArrayList<>();
    for (PropertySource<?> source : sources) {
      EnumerablePropertySource<?> e = (EnumerablePropertySource<?>) source;
      for (String name : e.getPropertyNames()) {
        pairs.add(name + "=" + e.getProperty(name));
      }
    }
    assertThat(pairs).isNotEmpty();
    return pairs.toArray(String[]::new);
  }

  @Test
  void theDocumentedSupportModuleBlockIsExactlyItsMatrixUnderDenyByDefault() throws IOException {
    Map<Role, Map<Operation, Grant>> expected = new EnumMap<>(Role.class);
    expected.put(
        Role.CUSTOMER,
        Map.of(
            Operation.CREATE_TICKET, Grant.of(Reach.OWN),
            Operation.VIEW_TICKET, Grant.of(Reach.OWN)));
    expected.put(
        Role.ADMIN,
        Map.of(
            Operation.VIEW_TICKET, Grant.of(Reach.ALL),
            Operation.LIST_ALL_TICKETS, Grant.of(Reach.ALL),
            Operation.CHANGE_STATUS, Grant.of(Reach.ALL).onlyTo(Status.RESOLVED),
            Operation.COMMENT, Grant.of(Reach.ALL),
            Operation.DELETE_TICKET, Grant.of(Reach.ALL)));

    runner
        .withPropertyValues(documentedBlock("support-module-policy"))
        .run(
            context -> {
              MatrixPolicy m = matrix(context);
              for (Role role : Role.values()) {
                for (Operation op : Operation.values()) {
                  Grant want = expected.getOrDefault(role, Map.of()).getOrDefault(op, Grant.DENY);
                  assertThat(m.grant(role, op)).as("%s %s", role, op).isEqualTo(want);
                }
              }
              // Customers: create and view their own, nothing else (no cancel, reopen, edit, reply
              // or attach).
              assertThat(m.grant(Role.CUSTOMER, Operation.CHANGE_STATUS)).isEqualTo(Grant.DENY);
              assertThat(m.grant(Role.CUSTOMER, Operation.UPDATE_TICKET)).isEqualTo(Grant.DENY);
              assertThat(m.grant(Role.CUSTOMER, Operation.ATTACH_FILE)).isEqualTo(Grant.DENY);
              assertThat(m.grant(Role.CUSTOMER, Operation.COMMENT)).isEqualTo(Grant.DENY);
            });
  }

  @Test
  void withoutPropertiesTheMatrixIsTheStandardOne() {
    runner.run(
        context -> {
          MatrixPolicy m = matrix(context);
          for (Role role : Role.values()) {
            for (Operation op : Operation.values()) {
              assertThat(m.grant(role, op))
                  .as("%s %s", role, op)
                  .isEqualTo(MatrixPolicy.standard().grant(role, op));
            }
          }
        });
  }

  @Test
  void companyVisibilityWidensTheGrantedCustomerCellsOnly() {
    runner
        .withPropertyValues("ticketing.policy.customer-visibility=COMPANY")
        .run(
            context -> {
              MatrixPolicy m = matrix(context);
              for (Operation op :
                  List.of(Operation.VIEW_TICKET, Operation.COMMENT, Operation.ATTACH_FILE)) {
                assertThat(m.grant(Role.CUSTOMER, op).reach()).isEqualTo(Reach.COMPANY);
              }
              assertThat(m.grant(Role.CUSTOMER, Operation.UPDATE_TICKET).reach())
                  .isEqualTo(Reach.OWN);
            });
    runner
        .withPropertyValues(
            "ticketing.policy.base=EMPTY",
            "ticketing.policy.customer-visibility=COMPANY",
            "ticketing.policy.grants.CUSTOMER.VIEW_TICKET=COMPANY")
        .run(
            context -> {
              MatrixPolicy m = matrix(context);
              assertThat(m.grant(Role.CUSTOMER, Operation.VIEW_TICKET))
                  .isEqualTo(Grant.of(Reach.COMPANY));
              assertThat(m.grant(Role.CUSTOMER, Operation.COMMENT)).isEqualTo(Grant.DENY);
            });
  }

  @Test
  void grantsWithStatusesRevocationsAndNamesInAnyCaseOrSpelling() {
    runner
        .withPropertyValues(
            "ticketing.policy.grants.customer.update-ticket=own except closed, cancelled",
            "ticketing.policy.grants.AGENT.CHANGE_STATUS=ASSIGNED while IN_PROGRESS WAITING_FOR_CUSTOMER to RESOLVED",
            "ticketing.policy.grants[SUPER_ADMIN][VIEW_HISTORY]=NONE",
            "ticketing.policy.revokes.ADMIN=CREATE_TICKET, delete-ticket")
        .run(
            context -> {
              MatrixPolicy m = matrix(context);
              assertThat(m.grant(Role.CUSTOMER, Operation.UPDATE_TICKET))
                  .isEqualTo(Grant.of(Reach.OWN).exceptIn(Status.CLOSED, Status.CANCELLED));
              assertThat(m.grant(Role.AGENT, Operation.CHANGE_STATUS))
                  .isEqualTo(
                      Grant.of(Reach.ASSIGNED)
                          .whileIn(Status.IN_PROGRESS, Status.WAITING_FOR_CUSTOMER)
                          .onlyTo(Status.RESOLVED));
              assertThat(m.grant(Role.SUPER_ADMIN, Operation.VIEW_HISTORY)).isEqualTo(Grant.DENY);
              assertThat(m.grant(Role.ADMIN, Operation.CREATE_TICKET)).isEqualTo(Grant.DENY);
              assertThat(m.grant(Role.ADMIN, Operation.DELETE_TICKET)).isEqualTo(Grant.DENY);
              assertThat(m.grant(Role.ADMIN, Operation.COMMENT)).isEqualTo(Grant.of(Reach.ALL));
            });
  }

  @Test
  void customizersRunAfterTheProperties() {
    runner
        .withPropertyValues(
            "ticketing.policy.base=EMPTY", "ticketing.policy.grants.ADMIN.VIEW_TICKET=ALL")
        .withUserConfiguration(HistoryForAdmins.class)
        .run(
            context -> {
              MatrixPolicy m = matrix(context);
              assertThat(m.grant(Role.ADMIN, Operation.VIEW_TICKET)).isEqualTo(Grant.of(Reach.ALL));
              assertThat(m.grant(Role.ADMIN, Operation.VIEW_HISTORY))
                  .isEqualTo(Grant.of(Reach.ALL));
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class HistoryForAdmins {
    @Bean
    @Order(1)
    TicketingCustomizer historyForAdmins() {
      return new TicketingCustomizer() {
        @Override
        public void customizePolicy(MatrixPolicy.Builder policy) {
          assertThat(policy.build().grant(Role.ADMIN, Operation.VIEW_TICKET))
              .isEqualTo(Grant.of(Reach.ALL));
          policy.grant(Role.ADMIN, Operation.VIEW_HISTORY, Reach.ALL);
        }
      };
    }
  }

  /** Starts with the properties and returns the problems the start-up failure lists. */
  private List<String> problems(String... properties) {
    List<String> found = new ArrayList<>();
    runner
        .withPropertyValues(properties)
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable t = context.getStartupFailure();
              while (t != null && !(t instanceof ConfiguredPolicy.InvalidPolicyException)) {
                t = t.getCause();
              }
              assertThat(t)
                  .as("an invalid policy exception in %s", context.getStartupFailure())
                  .isNotNull();
              ConfiguredPolicy.InvalidPolicyException e =
                  (ConfiguredPolicy.InvalidPolicyException) t;
              assertThat(e.getMessage()).contains(e.problems());
              FailureAnalysis analysis =
                  new TicketingPolicyFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription()).isEqualTo(e.getMessage());
              assertThat(analysis.getAction()).contains("ticketing.policy");
              found.addAll(e.problems());
            });
    return found;
  }

  @Test
  void badNamesAreReportedWithTheirPropertyAndTheValidNames() {
    List<String> p =
        problems(
            "ticketing.policy.grants.CUSTOMR.VIEW_TICKET=OWN",
            "ticketing.policy.grants.ADMIN.VEIW_TICKET=ALL",
            "ticketing.policy.revokes.ADMIN=CREATE_TIKET");

    assertThat(p).hasSize(3);
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("ticketing.policy.grants.CUSTOMR")
                    .contains(
                        "'CUSTOMR' is not a role; one of CUSTOMER, AGENT, ADMIN, SUPER_ADMIN"));
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("ticketing.policy.grants.ADMIN.VEIW")
                    .contains("is not an operation; one of CREATE_TICKET"));
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("ticketing.policy.revokes.ADMIN")
                    .contains("'CREATE_TIKET' is not an operation"));
  }

  @Test
  void unreadableGrantsSayWhatIsWrong() {
    assertThat(problems("ticketing.policy.grants.ADMIN.VIEW_TICKET=EVERYTHING"))
        .singleElement()
        .asString()
        .contains(
            "'EVERYTHING', which is not a reach; one of NONE, OWN, OWN_OR_CC, COMPANY, ASSIGNED, ALL");
    assertThat(problems("ticketing.policy.grants.ADMIN.CHANGE_STATUS=ALL to SOLVED"))
        .singleElement()
        .asString()
        .contains("'SOLVED', which is not a status");
    assertThat(problems("ticketing.policy.grants.ADMIN.CHANGE_STATUS=ALL while OPEN except CLOSED"))
        .singleElement()
        .asString()
        .contains("both 'while' and 'except'");
    assertThat(problems("ticketing.policy.grants.ADMIN.CHANGE_STATUS=NONE to RESOLVED"))
        .singleElement()
        .asString()
        .contains("NONE takes none");
    assertThat(problems("ticketing.policy.grants.ADMIN.CHANGE_STATUS=ALL to"))
        .singleElement()
        .asString()
        .contains("names no status after 'to'");
    assertThat(problems("ticketing.policy.grants.ADMIN.CHANGE_STATUS=ALL since OPEN"))
        .singleElement()
        .asString()
        .contains("'since' where 'while', 'except' or 'to' was expected");
  }

  @Test
  void contradictionsAndGrantsThatCanNeverApplyAreRefused() {
    assertThat(
            problems(
                "ticketing.policy.grants.ADMIN.CREATE_TICKET=ALL",
                "ticketing.policy.revokes.ADMIN=CREATE_TICKET"))
        .singleElement()
        .asString()
        .contains("revokes ADMIN CREATE_TICKET, which ticketing.policy.grants.ADMIN grants (ALL)");
    assertThat(problems("ticketing.policy.grants.CUSTOMER.VIEW_TICKET=COMPANY"))
        .singleElement()
        .asString()
        .contains("customer-visibility is OWN; set customer-visibility to COMPANY instead");
    assertThat(problems("ticketing.policy.grants.CUSTOMER.VIEW_TICKET=ALL"))
        .singleElement()
        .asString()
        .contains("customers reach their OWN or their COMPANY's tickets only");
    assertThat(problems("ticketing.policy.grants.ADMIN.VIEW_STATISTICS=OWN"))
        .singleElement()
        .asString()
        .contains("VIEW_STATISTICS concerns no single ticket: ALL or NONE");
    assertThat(problems("ticketing.policy.grants.ADMIN.COMMENT=ALL to RESOLVED"))
        .singleElement()
        .asString()
        .contains("only CHANGE_STATUS has");
    assertThat(problems("ticketing.policy.base=EMPTY", "ticketing.policy.grants.ADMIN.COMMENT=ALL"))
        .singleElement()
        .asString()
        .isEqualTo(
            "ticketing.policy: ADMIN may COMMENT but may not VIEW_TICKET, so it never can; grant ADMIN"
                + " VIEW_TICKET or revoke COMMENT");
    assertThat(problems("ticketing.policy.customer-visibility=ALL"))
        .singleElement()
        .asString()
        .contains("customers see OWN or COMPANY tickets");
    assertThat(
            problems(
                "ticketing.policy.grants.ADMIN.CREATE_TICKET=ALL",
                "ticketing.policy.grants.ADMIN.create-ticket=NONE"))
        .singleElement()
        .asString()
        .contains("a second time");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    List<String> p =
        problems(
            "ticketing.policy.grants.NOBODY.VIEW_TICKET=OWN",
            "ticketing.policy.grants.ADMIN.VIEW_TICKET=MAYBE",
            "ticketing.policy.grants.CUSTOMER.VIEW_TICKET=ALL");
    assertThat(p).hasSize(3);
  }

  @Test
  void grantExpressionsReadBackWhatTheyFormat() {
    for (Grant g :
        List.of(
            Grant.of(Reach.OWN),
            Grant.DENY,
            Grant.of(Reach.ALL).onlyTo(Status.RESOLVED),
            Grant.of(Reach.OWN).exceptIn(Status.CLOSED, Status.CANCELLED),
            Grant.of(Reach.ASSIGNED)
                .whileIn(Status.OPEN)
                .onlyTo(Status.IN_PROGRESS, Status.RESOLVED))) {
      assertThat(GrantExpression.parse(GrantExpression.format(g)))
          .as(GrantExpression.format(g))
          .isEqualTo(g);
    }
    assertThat(
            GrantExpression.format(Grant.of(Reach.OWN).exceptIn(Status.CLOSED, Status.CANCELLED)))
        .isEqualTo("OWN except CLOSED, CANCELLED");
    assertThat(Set.of(GrantExpression.format(Grant.of(Reach.ALL).onlyTo(Status.RESOLVED))))
        .containsExactly("ALL to RESOLVED");
  }
}
