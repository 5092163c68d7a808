package dev.ticketing.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.CreateTicket;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import dev.ticketing.spring.jpa.TicketingJpaAutoConfiguration;
import dev.ticketing.spring.jpa.TicketingJpaSchemaAutoConfiguration;
import dev.ticketing.spring.observability.TicketingHealthAutoConfiguration;
import dev.ticketing.spring.observability.TicketingMetricsAutoConfiguration;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;

/**
 * The actor of the current Spring Security authentication, as the auto-configuration builds the
 * resolver from {@code ticketing.roles.*} and {@code ticketing.security.*}: role mapping, deny by
 * default, user id and company from token claims or a host bean.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringSecurityActorResolverTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TicketingAutoConfiguration.class, TicketingSecurityAutoConfiguration.class))
          .withPropertyValues(
              "ticketing.outbox.enabled=false",
              // the GraphQL ticket module's roles
              "ticketing.roles.mapping.CALENDAR_MEMBER=CUSTOMER",
              "ticketing.roles.mapping.SALES=AGENT",
              // the Comdeall support module's, written the ways hosts write them
              "ticketing.roles.mapping.ROLE_PARENT=CUSTOMER",
              "ticketing.roles.mapping.therapist=CUSTOMER",
              "ticketing.roles.mapping.office-manager=ADMIN");

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  static void signIn(Authentication auth) {
    SecurityContextHolder.getContext().setAuthentication(auth);
  }

  static Authentication user(String name, String... authorities) {
    return UsernamePasswordAuthenticationToken.authenticated(
        name, "n/a", AuthorityUtils.createAuthorityList(authorities));
  }

  /** An OAuth2 token's principal (resource server, opaque token): claims as attributes. */
  static Authentication token(String name, Map<String, Object> claims, String... authorities) {
    List<GrantedAuthority> granted = AuthorityUtils.createAuthorityList(authorities);
    Map<String, Object> attributes = new HashMap<>(claims);
    attributes.putIfAbsent("sub", name);
    DefaultOAuth2AuthenticatedPrincipal principal =
        new DefaultOAuth2AuthenticatedPrincipal(name, attributes, granted);
    return new TestingAuthenticationToken(principal, "token", granted);
  }

  /** A principal of the host's own that exposes claims. */
  record HostPrincipal(String name, Map<String, Object> claims)
      implements ClaimAccessor, java.security.Principal {
    @Override
    public Map<String, Object> getClaims() {
      return claims;
    }

    @Override
    public String getName() {
      return name;
    }
  }

  static ActorResolver resolver(org.springframework.context.ApplicationContext context) {
    return context.getBean(ActorResolver.class);
  }

  @Test
  void isTheAutoConfiguredResolver() {
    runner.run(
        context -> {
          assertThat(context)
              .hasSingleBean(ActorResolver.class)
              .hasSingleBean(RoleMapping.class)
              .hasSingleBean(CompanyResolver.class);
          assertThat(resolver(context)).isInstanceOf(SpringSecurityActorResolver.class);
        });
  }

  @Test
  void mappedHostRolesBecomeSdkRoles() {
    runner.run(
        context -> {
          signIn(token("john", Map.of("company_id", "acme"), "ROLE_CALENDAR_MEMBER"));
          assertThat(resolver(context).currentActor()).isEqualTo(Actor.customer("john", "acme"));

          signIn(user("sam", "ROLE_SALES"));
          assertThat(resolver(context).currentActor()).isEqualTo(Actor.agent("sam"));

          signIn(user("olga", "ROLE_OFFICE_MANAGER"));
          assertThat(resolver(context).currentActor()).isEqualTo(Actor.admin("olga"));

          signIn(token("pia", Map.of("company_id", "clinic"), "ROLE_PARENT"));
          assertThat(resolver(context).currentActor()).isEqualTo(Actor.customer("pia", "clinic"));

          signIn(token("theo", Map.of("company_id", "clinic"), "ROLE_THERAPIST"));
          assertThat(resolver(context).currentActor().role()).isEqualTo(Role.CUSTOMER);
        });
  }

  @Test
  void authoritiesWithoutThePrefixMapToo() {
    runner.run(
        context -> {
          signIn(user("sam", "SALES"));
          assertThat(resolver(context).currentActor().role()).isEqualTo(Role.AGENT);
        });
  }

  @Test
  void hostRolesNamedLikeSdkRolesMapOnlyWhenListed(CapturedOutput output) {
    runner.run(
        context -> {
          // A customer-side ADMIN (the administrator of a customer's account) is no support admin.
          signIn(user("ada", "ROLE_ADMIN"));
          assertThatThrownBy(resolver(context)::currentActor)
              .isInstanceOf(AccessDeniedException.class);
          signIn(user("root", "ROLE_SUPER_ADMIN"));
          assertThatThrownBy(resolver(context)::currentActor)
              .isInstanceOf(AccessDeniedException.class);
          assertThat(output)
              .contains("ticketing refused login ada")
              .contains("ticketing.roles.mapping.<role>=")
              .contains("ticketing.roles.same-name-mapping=true");
        });
    runner
        .withPropertyValues("ticketing.roles.mapping.ADMIN=ADMIN")
        .run(
            context -> {
              signIn(user("ada", "ROLE_ADMIN"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.admin("ada"));
              signIn(user("root", "ROLE_SUPER_ADMIN"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
            });
    runner
        .withPropertyValues("ticketing.roles.same-name-mapping=true")
        .run(
            context -> {
              signIn(user("root", "ROLE_SUPER_ADMIN"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.superAdmin("root"));
              signIn(user("ada", "ADMIN"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.admin("ada"));
            });
  }

  @Test
  void highestRoleWins() {
    runner
        .withPropertyValues("ticketing.roles.mapping.SUPER_ADMIN=SUPER_ADMIN")
        .run(
            context -> {
              signIn(
                  token("ann", Map.of("company_id", "acme"), "ROLE_CALENDAR_MEMBER", "ROLE_SALES"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.agent("ann"));
              signIn(
                  user(
                      "ann",
                      "ROLE_SALES",
                      "ROLE_SUPER_ADMIN",
                      "ROLE_OFFICE_MANAGER",
                      "ROLE_CALENDAR_MEMBER"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.superAdmin("ann"));
              signIn(user("ann", "SCOPE_tickets", "ROLE_OFFICE_MANAGER", "ROLE_SALES"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.admin("ann"));
            });
  }

  @Test
  void nobodyAuthenticatedIsAnAuthenticationFailure() {
    runner.run(
        context -> {
          ActorResolver resolver = resolver(context);
          assertThatThrownBy(resolver::currentActor)
              .isInstanceOf(AuthenticationCredentialsNotFoundException.class);

          signIn(
              new AnonymousAuthenticationToken(
                  "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
          assertThatThrownBy(resolver::currentActor)
              .isInstanceOf(AuthenticationCredentialsNotFoundException.class);

          signIn(UsernamePasswordAuthenticationToken.unauthenticated("john", "secret"));
          assertThatThrownBy(resolver::currentActor)
              .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        });
  }

  @Test
  void unmappedAuthoritiesAreDenied() {
    runner.run(
        context -> {
          signIn(user("eve", "ROLE_USER", "SCOPE_read", "ROLE_GUEST"));
          assertThatThrownBy(resolver(context)::currentActor)
              .isInstanceOf(AccessDeniedException.class);
          signIn(user("eve"));
          assertThatThrownBy(resolver(context)::currentActor)
              .isInstanceOf(AccessDeniedException.class);
        });
  }

  @Test
  void withoutMappingEveryoneIsRefused(CapturedOutput output) {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                TicketingAutoConfiguration.class, TicketingSecurityAutoConfiguration.class))
        .run(
            context -> {
              assertThat(output).contains("ticketing.roles.mapping is empty");
              signIn(user("sam", "ROLE_SALES"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
              signIn(user("sam", "ROLE_AGENT"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
            });
  }

  @Test
  void mappingFromEnvironmentVariables() {
    // Boot binds TICKETING_ROLES_MAPPING_CALENDAR_MEMBER to the map key "calendar.member".
    runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new org.springframework.core.env.SystemEnvironmentPropertySource(
                            "test-systemEnvironment",
                            Map.of(
                                "TICKETING_ROLES_MAPPING_THERAPY_CLIENT",
                                "CUSTOMER",
                                "TICKETING_ROLES_MAPPING_SUPPORT",
                                "AGENT"))))
        .run(
            context -> {
              signIn(token("tom", Map.of("company_id", "clinic"), "ROLE_THERAPY_CLIENT"));
              assertThat(resolver(context).currentActor())
                  .isEqualTo(Actor.customer("tom", "clinic"));
              signIn(user("sue", "ROLE_SUPPORT"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.agent("sue"));
            });
  }

  @Test
  void authorityPrefix() {
    runner
        .withPropertyValues("ticketing.security.authority-prefix=GROUP_")
        .run(
            context -> {
              signIn(user("sam", "GROUP_SALES"));
              assertThat(resolver(context).currentActor().role()).isEqualTo(Role.AGENT);
              signIn(user("sam", "ROLE_SALES"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
            });
  }

  @Test
  void customerWithoutCompanyIsDenied(CapturedOutput output) {
    runner.run(
        context -> {
          signIn(user("john", "ROLE_CALENDAR_MEMBER"));
          assertThatThrownBy(resolver(context)::currentActor)
              .isInstanceOf(AccessDeniedException.class)
              .hasMessageContaining("company");
          // Logged once, at INFO, with the reason and what to change.
          assertThat(output.toString().split("ticketing refused login john", -1)).hasSize(2);
          assertThat(output)
              .contains("INFO")
              .contains("a customer without a company (user john)")
              .contains("HostUserLookup");
          signIn(token("john", Map.of("company_id", " "), "ROLE_CALENDAR_MEMBER"));
          assertThatThrownBy(resolver(context)::currentActor)
              .isInstanceOf(AccessDeniedException.class);
        });
  }

  @Test
  void staffNeedNoCompanyEvenWhenTheTokenHasOne() {
    runner.run(
        context -> {
          signIn(token("sam", Map.of("company_id", "acme"), "ROLE_SALES"));
          assertThat(resolver(context).currentActor()).isEqualTo(Actor.agent("sam"));
        });
  }

  @Test
  void companyFromAHostBean() {
    runner
        .withBean(
            CompanyResolver.class, () -> auth -> auth.getName().equals("john") ? "acme" : null)
        .run(
            context -> {
              assertThat(context).hasSingleBean(CompanyResolver.class);
              signIn(user("john", "ROLE_CALENDAR_MEMBER"));
              assertThat(resolver(context).currentActor())
                  .isEqualTo(Actor.customer("john", "acme"));
              // The host bean replaces the claim: a token's claim is not consulted.
              signIn(token("mary", Map.of("company_id", "globex"), "ROLE_CALENDAR_MEMBER"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
            });
  }

  @Test
  void userIdFromAHostBeanWhenUsersLogInByEmail() {
    runner
        .withBean(UserIdResolver.class, () -> auth -> auth.getName().replaceFirst("@.*", ""))
        .withPropertyValues("ticketing.roles.mapping.SALES=AGENT")
        .run(
            context -> {
              signIn(user("sarah@support.com", "ROLE_SALES"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.agent("sarah"));
              // A resolver that finds no id refuses: deny by default.
              signIn(user("@support.com", "ROLE_SALES"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
            });
  }

  @Test
  void anEmailLoginNeverBecomesTheStoredUserIdUnnoticed(CapturedOutput output) {
    runner.run(
        context -> {
          signIn(user("sarah@support.com", "ROLE_SALES"));
          assertThatThrownBy(resolver(context)::currentActor)
              .isInstanceOf(AccessDeniedException.class)
              .hasMessageContaining("HostUserLookup");
          assertThat(output)
              .contains("ticketing refused login sarah@support.com")
              .contains("ticketing.security.email-user-ids=true");
          // A login that is not an e-mail address is the user id, as before.
          signIn(user("sarah", "ROLE_SALES"));
          assertThat(resolver(context).currentActor()).isEqualTo(Actor.agent("sarah"));
        });
    // A host whose user ids are e-mail addresses says so.
    runner
        .withPropertyValues("ticketing.security.email-user-ids=true")
        .run(
            context -> {
              signIn(user("sarah@support.com", "ROLE_SALES"));
              assertThat(resolver(context).currentActor())
                  .isEqualTo(Actor.agent("sarah@support.com"));
            });
  }

  @Test
  void aHostUserLookupMapsTheLoginToTheHostsIdAndCompany(CapturedOutput output) {
    Map<String, HostUserLookup.HostUser> users =
        Map.of(
            "john@acme.com", new HostUserLookup.HostUser("17", "acme"),
            "sarah@support.com", new HostUserLookup.HostUser("42", null),
            "nobody@acme.com", new HostUserLookup.HostUser("18", null));
    runner
        .withBean(
            HostUserLookup.class, () -> login -> java.util.Optional.ofNullable(users.get(login)))
        .run(
            context -> {
              signIn(user("john@acme.com", "ROLE_CALENDAR_MEMBER"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.customer("17", "acme"));
              signIn(user("sarah@support.com", "ROLE_SALES"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.agent("42"));
              // A company the lookup leaves out still comes from the token's claim.
              signIn(token("nobody@acme.com", Map.of("company_id", "acme"), "ROLE_PARENT"));
              assertThat(resolver(context).currentActor()).isEqualTo(Actor.customer("18", "acme"));
              signIn(user("nobody@acme.com", "ROLE_PARENT"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
              signIn(user("stranger@acme.com", "ROLE_CALENDAR_MEMBER"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
              assertThat(output)
                  .contains(
                      "ticketing refused login stranger@acme.com: the HostUserLookup bean knows"
                          + " no user");
            });
  }

  @Test
  void malformedIdsGetNoActor() {
    runner
        .withPropertyValues("ticketing.roles.mapping.SALES=AGENT")
        .run(
            context -> {
              signIn(user("sarah ", "ROLE_SALES"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
              signIn(token("john", Map.of("company_id", "acme "), "ROLE_CALENDAR_MEMBER"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
            });
  }

  @Test
  void companyFromAConfiguredClaim() {
    runner
        .withPropertyValues("ticketing.security.company-claim=tenant")
        .run(
            context -> {
              signIn(
                  token(
                      "john",
                      Map.of("tenant", "acme", "company_id", "wrong"),
                      "ROLE_CALENDAR_MEMBER"));
              assertThat(resolver(context).currentActor())
                  .isEqualTo(Actor.customer("john", "acme"));
            });
  }

  @Test
  void companyFromTheHostsOwnClaimAccessor() {
    runner.run(
        context -> {
          HostPrincipal principal = new HostPrincipal("john", Map.of("company_id", "acme"));
          signIn(
              new TestingAuthenticationToken(
                  principal, "n/a", AuthorityUtils.createAuthorityList("ROLE_CALENDAR_MEMBER")));
          Actor actor = resolver(context).currentActor();
          assertThat(actor).isEqualTo(Actor.customer("john", "acme"));
        });
  }

  @Test
  void userIdFromAClaim() {
    runner
        .withPropertyValues("ticketing.security.user-id-claim=uid")
        .run(
            context -> {
              signIn(
                  token(
                      "John Smith",
                      Map.of("uid", "u-42", "company_id", "acme"),
                      "ROLE_CALENDAR_MEMBER"));
              assertThat(resolver(context).currentActor())
                  .isEqualTo(Actor.customer("u-42", "acme"));
              // A configured claim that is missing is no user id at all, not the authentication's
              // name.
              signIn(token("sam", Map.of(), "ROLE_SALES"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
            });
  }

  @Test
  void withoutOAuth2CoreNoClaimsButAHostBeanStillServes() {
    ApplicationContextRunner noOAuth2 =
        runner.withClassLoader(new FilteredClassLoader(ClaimAccessor.class));
    noOAuth2.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(ActorResolver.class);
          signIn(
              new TestingAuthenticationToken(
                  new HostPrincipal("john", Map.of("company_id", "acme")),
                  "n/a",
                  AuthorityUtils.createAuthorityList("ROLE_CALENDAR_MEMBER")));
          assertThatThrownBy(resolver(context)::currentActor)
              .isInstanceOf(AccessDeniedException.class);
          signIn(user("sam", "ROLE_SALES"));
          assertThat(resolver(context).currentActor()).isEqualTo(Actor.agent("sam"));
        });
    noOAuth2
        .withBean(CompanyResolver.class, () -> auth -> "acme")
        .run(
            context -> {
              signIn(user("john", "ROLE_CALENDAR_MEMBER"));
              assertThat(resolver(context).currentActor())
                  .isEqualTo(Actor.customer("john", "acme"));
            });
  }

  @Test
  void hostResolverWins() {
    ActorResolver host = () -> Actor.admin("host");
    runner
        .withBean(ActorResolver.class, () -> host)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ActorResolver.class);
              assertThat(resolver(context)).isSameAs(host);
            });
  }

  @Test
  void hostRoleMappingWins() {
    runner
        .withBean(RoleMapping.class, () -> new RoleMapping(Map.of("BOSS", Role.SUPER_ADMIN), ""))
        .run(
            context -> {
              signIn(user("b", "BOSS"));
              assertThat(resolver(context).currentActor().role()).isEqualTo(Role.SUPER_ADMIN);
              signIn(user("sam", "ROLE_SALES"));
              assertThatThrownBy(resolver(context)::currentActor)
                  .isInstanceOf(AccessDeniedException.class);
            });
  }

  @Test
  void withoutSpringSecurityTheHostSuppliesTheResolver() {
    runner
        .withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(TicketService.class)
                  .doesNotHaveBean(ActorResolver.class)
                  .doesNotHaveBean(RoleMapping.class);
            });
  }

  @Test
  void disabledTicketingNoResolver() {
    runner
        .withPropertyValues("ticketing.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ActorResolver.class)
                    .doesNotHaveBean(RoleMapping.class));
  }

  @Test
  void theResolvedActorDrivesTheService() {
    runner
        .withBean(
            dev.ticketing.spi.Directory.class,
            () ->
                dev.ticketing.memory.InMemoryDirectory.builder()
                    .company("acme", "Acme", "support@acme.test")
                    .build())
        .run(
            context -> {
              signIn(token("john", Map.of("company_id", "acme"), "ROLE_CALENDAR_MEMBER"));
              TicketService tickets = context.getBean(TicketService.class);
              TicketView t =
                  tickets.createTicket(
                      resolver(context).currentActor(),
                      new CreateTicket("Cannot book", "The calendar is empty", null, null, null));
              assertThat(t.company().id()).isEqualTo("acme");
              assertThat(t.user().id()).isEqualTo("john");
            });
  }

  @Test
  void neverDefinesASecurityFilterChain() {
    runner.run(
        context -> {
          for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            assertThat(type == null ? "" : type.getName())
                .as(name)
                .doesNotContain("SecurityFilterChain")
                .doesNotContain("WebSecurityCustomizer")
                .doesNotContain("SecurityConfigurer");
          }
        });
    // Nor could it on a class path that has Spring Security's web support: no auto-configuration
    // method returns or takes a web-security type.
    Stream.of(
            TicketingJpaSchemaAutoConfiguration.class,
            TicketingJpaAutoConfiguration.class,
            TicketingAutoConfiguration.class,
            TicketingSecurityAutoConfiguration.class,
            TicketingMetricsAutoConfiguration.class,
            TicketingHealthAutoConfiguration.class)
        .flatMap(c -> Stream.concat(Stream.of(c), Arrays.stream(c.getDeclaredClasses())))
        .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
        .forEach(
            (Method m) -> {
              assertThat(m.getReturnType().getName())
                  .as(m.toString())
                  .doesNotContain("security.web")
                  .doesNotContain("SecurityFilterChain")
                  .doesNotContain("config.annotation.web");
              for (Class<?> p : m.getParameterTypes()) {
                assertThat(p.getName())
                    .as(m.toString())
                    .doesNotContain("security.config")
                    .doesNotContain("security.web");
              }
            });
  }

  @Test
  void roleMappingUnit() {
    RoleMapping mapping =
        new RoleMapping(
            Map.of("calendar-member", Role.CUSTOMER, "ROLE_SALES", Role.AGENT), "ROLE_");
    assertThat(mapping.roleOf(List.of("ROLE_CALENDAR_MEMBER"))).contains(Role.CUSTOMER);
    assertThat(mapping.roleOf(List.of("calendar_member"))).contains(Role.CUSTOMER);
    assertThat(mapping.roleOf(List.of("SALES"))).contains(Role.AGENT);
    assertThat(mapping.roleOf(List.of("ROLE_SALES", "ROLE_CALENDAR_MEMBER"))).contains(Role.AGENT);
    assertThat(mapping.roleOf(List.of("ROLE_OTHER"))).isEmpty();
    assertThat(mapping.roleOf(List.of())).isEmpty();
    // An SDK role name maps only when listed, or with same-name mapping switched on, where a listed
    // name still overrides the identity.
    assertThat(mapping.roleOf(List.of("ROLE_ADMIN"))).isEmpty();
    assertThat(new RoleMapping(Map.of(), "ROLE_", true).roleOf(List.of("ROLE_ADMIN")))
        .contains(Role.ADMIN);
    assertThat(
            new RoleMapping(Map.of("ADMIN", Role.AGENT), "ROLE_", true)
                .roleOf(List.of("ROLE_ADMIN")))
        .contains(Role.AGENT);
  }
}
