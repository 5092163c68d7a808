package dev.ticketing.examples.comdeall;

import dev.ticketing.ErrorCode;
import dev.ticketing.spring.security.CompanyResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may call what. Two filter chains:
 *
 * <ul>
 *   <li>Hasura's calls ({@code support/add-note}, {@code support/create-ticket}): the shared secret,
 *       nothing else; Hasura vouches for the user in the payload's session variables;
 *   <li>everything else under {@code /api}: a bearer token from {@code POST /api/auth/login},
 *       verified by Spring Security's resource server, with a Comdeall role (PARENT, THERAPIST,
 *       ADMIN). What each role may do to which ticket is the library's permission policy
 *       ({@code ticketing.policy.*} in application.yml), not repeated here.
 * </ul>
 *
 * <p>Tokens travel in a header, not in cookies: no session and no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {
  static final String[] ROLES = {"PARENT", "THERAPIST", "ADMIN"};

  private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);

  @Bean
  @Order(1)
  SecurityFilterChain hasuraCalls(
      HttpSecurity http, ComdeallProperties properties, ResponseWriter writer) throws Exception {
    HasuraSecret secret = new HasuraSecret(properties.hasura().secret(), writer);
    if (!secret.configured()) {
      log.warn(
          "comdeall.hasura.secret (COMDEALL_HASURA_SECRET) is not set: {} and {} refuse every call until it is",
          CommunicationController.ADD_NOTE_PATH,
          CreateTicketAction.PATH);
    }
    http.securityMatcher(CommunicationController.ADD_NOTE_PATH, CreateTicketAction.PATH)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .addFilterBefore(secret, AuthorizationFilter.class)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain signedInUsers(HttpSecurity http, ResponseWriter writer) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(HttpMethod.POST, AuthController.LOGIN_PATH)
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    .requestMatchers("/api/**")
                    .hasAnyRole(ROLES)
                    .anyRequest()
                    .denyAll())
        .oauth2ResourceServer(
            oauth2 ->
                oauth2
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new HasuraClaims()))
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            writer.write(
                                request,
                                response,
                                Failure.of(
                                    HttpStatus.UNAUTHORIZED,
                                    Failure.UNAUTHENTICATED,
                                    "sign in first: a valid bearer token is needed")))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            writer.write(
                                request,
                                response,
                                Failure.of(
                                    HttpStatus.FORBIDDEN,
                                    ErrorCode.ACCESS_DENIED.name(),
                                    "access denied"))))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            writer.write(
                                request,
                                response,
                                Failure.of(
                                    HttpStatus.UNAUTHORIZED,
                                    Failure.UNAUTHENTICATED,
                                    "sign in first: a valid bearer token is needed")))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            writer.write(
                                request,
                                response,
                                Failure.of(
                                    HttpStatus.FORBIDDEN,
                                    ErrorCode.ACCESS_DENIED.name(),
                                    "access denied"))))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable());
    return http.build();
  }

  /** After Spring Security (order -100), so refused callers never get as far as a size check. */
  @Bean
  FilterRegistrationBean<BodySizeLimit> bodySizeLimit(
      ComdeallProperties properties, ResponseWriter writer) {
    FilterRegistrationBean<BodySizeLimit> registration =
        new FilterRegistrationBean<>(
            new BodySizeLimit(properties.http().maxBodySize().toBytes(), writer));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(0);
    return registration;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /** Comdeall has one tenant: every parent and therapist belongs to the platform. */
  @Bean
  CompanyResolver comdeallCompany() {
    return authentication -> ComdeallDirectory.PLATFORM;
  }
}
