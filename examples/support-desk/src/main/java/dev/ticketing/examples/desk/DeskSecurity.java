package dev.ticketing.examples.desk;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The host's login and the browser-facing protections. Ticketing never authenticates anybody; it
 * reads who is calling through {@link DeskIdentities}.
 *
 * <ul>
 *   <li><b>Login</b>: a sign-in form ({@code /login}, a session cookie afterwards) for the web pages
 *       ({@link DeskPages}), and HTTP Basic for the API; both against the demo users (password
 *       {@code demo}), hashed with bcrypt
 *       at {@code desk.limits.login.bcrypt-strength} (default 10) once at start-up. Failed logins are
 *       logged and throttled per account and per client address ({@link LoginThrottle}).
 *   <li><b>CSRF</b>: browsers re-send Basic credentials (and cookies) on their own, so a page on
 *       another site could make a signed-in user's browser post here. Every state-changing request
 *       that a browser could have made — one carrying {@code Origin}, {@code Referer}, {@code
 *       Sec-Fetch-Site} or a cookie — must carry the CSRF token: the value of the {@code XSRF-TOKEN}
 *       cookie, sent back in the {@code X-XSRF-TOKEN} header (GraphiQL here does). A cross-site page
 *       can neither read that cookie nor set that header. Clients that are not browsers (curl,
 *       scripts, Hasura) send none of those headers and need no token. The webhook is authenticated
 *       by its own secret header, which no browser adds, and needs none either.
 *   <li><b>Headers</b>: a Content-Security-Policy that allows scripts, styles and connections to this
 *       origin only, and connections and images to the object store holding attachments (the
 *       embedded one's origin, and {@code desk.web.attachment-origins}); {@code X-Content-Type-Options: nosniff}; {@code X-Frame-Options: DENY}; {@code
 *       Referrer-Policy: no-referrer}; HSTS on secure requests.
 * </ul>
 *
 * <p>A real host keeps its own authentication (sessions, OAuth2 tokens...) and has to make sure
 * that {@code /graphql} and {@code /api/communication/**} require it.
 */
@Configuration(proxyBeanMethods = false)
class DeskSecurity {
  private static final Logger log = LoggerFactory.getLogger(DeskSecurity.class);

  static final String DEMO_PASSWORD = "demo";
  static final String REALM = "support-desk";

  /** Scripts, styles, images and connections from this origin only; no framing, no plugins, no base tag. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self';"
          + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; manifest-src 'self';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  SecurityFilterChain deskSecurityFilterChain(
      HttpSecurity http,
      LoginThrottle throttle,
      ObjectProvider<EmbeddedS3> embeddedS3,
      DeskWebProperties web)
      throws Exception {
    CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict").path("/"));
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(HttpMethod.POST, WebhookSecretFilter.PATH)
                    .permitAll()
                    // (extension) The signed rating link: the token is the credential.
                    .requestMatchers(HttpMethod.POST, RatingLinkController.PATH)
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    // Published libraries and the page's own script: nothing secret, and a browser
                    // fetches them
                    // before it has asked for a password.
                    .requestMatchers(
                        HttpMethod.GET,
                        "/webjars/**",
                        GraphiQlPage.ASSETS + "/**",
                        DeskPages.ASSETS + "/**",
                        DeskPages.LOGIN)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .httpBasic(
            basic ->
                basic
                    .authenticationEntryPoint(entryPoint(throttle))
                    // For this request only: an API client's Basic login opens no session.
                    .securityContextRepository(new RequestAttributeSecurityContextRepository()))
        // People sign in on a form (the web components' pages); the session cookie then carries
        // them. Scripts and API clients keep sending Basic credentials with every request and get
        // no session.
        .formLogin(
            form ->
                form.loginPage(DeskPages.LOGIN)
                    .successHandler(
                        (request, response, user) ->
                            response.sendRedirect(DeskPages.isStaff(user) ? "/" : DeskPages.PORTAL))
                    .failureHandler(
                        (request, response, failure) -> {
                          String account = request.getParameter("username");
                          if (account != null) {
                            throttle.failed(account, request.getRemoteAddr());
                          }
                          response.sendRedirect(DeskPages.LOGIN + "?error");
                        }))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(DeskPages.LOGIN + "?logout"))
        // Nothing is remembered of a refused request (a session each): after signing in, people
        // land on their page by role.
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .addFilterBefore(
            new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(pagesOrApi(entryPoint(throttle)))
                    .accessDeniedHandler(accessDenied()))
        // No session creation policy is set: naming one (even IF_REQUIRED) adds the session
        // management filter, which would store every Basic login in a new session. Only the
        // sign-in form makes a session. Browsers re-send both (cookie, cached Basic credentials),
        // hence CSRF protection for browser requests (above).
        .csrf(
            csrf ->
                csrf.spa()
                    .csrfTokenRepository(csrfTokens)
                    .requireCsrfProtectionMatcher(DeskSecurity::browserWrite)
                    .ignoringRequestMatchers(WebhookSecretFilter.PATH, RatingLinkController.PATH))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(contentSecurityPolicy(embeddedS3, web)))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                    .frameOptions(frame -> frame.deny())
                    .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                    .addHeaderWriter(
                        new StaticHeadersWriter(
                            "Permissions-Policy",
                            "camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
                    .addHeaderWriter(
                        new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
    return http.build();
  }

  /**
   * The policy; with the embedded object store, browsers also connect to it: the web components
   * upload attachments straight to their pre-signed URLs there.
   */
  static String contentSecurityPolicy(
      ObjectProvider<EmbeddedS3> embeddedS3, DeskWebProperties web) {
    EmbeddedS3 s3 = embeddedS3.getIfAvailable();
    List<String> origins = new ArrayList<>();
    if (s3 != null) {
      origins.add(s3.browserOrigin());
    }
    origins.addAll(web.attachmentOrigins());
    return contentSecurityPolicy(origins);
  }

  /**
   * The policy with the object store's origins allowed for connections (pre-signed uploads) and
   * images.
   */
  static String contentSecurityPolicy(List<String> attachmentOrigins) {
    if (attachmentOrigins.isEmpty()) {
      return CONTENT_SECURITY_POLICY;
    }
    String origins = String.join(" ", new LinkedHashSet<>(attachmentOrigins));
    return CONTENT_SECURITY_POLICY
        .replace("connect-src 'self'", "connect-src 'self' " + origins)
        .replace("img-src 'self' data:", "img-src 'self' data: " + origins);
  }

  /**
   * People asking for a page without a session go to the sign-in form; everything else (the API)
   * gets the 401 with the Basic challenge.
   */
  private static AuthenticationEntryPoint pagesOrApi(AuthenticationEntryPoint api) {
    AuthenticationEntryPoint form = new LoginUrlAuthenticationEntryPoint(DeskPages.LOGIN);
    return (request, response, failure) -> {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      boolean page =
          HttpMethod.GET.matches(request.getMethod())
              && ("/".equals(path) || DeskPages.PORTAL.equals(path))
              && BasicCredentials.account(request).isEmpty();
      (page ? form : api).commence(request, response, failure);
    };
  }

  /**
   * A state-changing request that a browser could have sent on a user's behalf: browsers add {@code
   * Origin} to every cross-origin and every POST request, {@code Sec-Fetch-Site} and {@code Referer}
   * to most, and the cookies they hold. Clients that are not browsers add none of them.
   */
  static boolean browserWrite(HttpServletRequest request) {
    return CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
        && (request.getHeader(HttpHeaders.ORIGIN) != null
            || request.getHeader("Sec-Fetch-Site") != null
            || request.getHeader(HttpHeaders.REFERER) != null
            || request.getHeader(HttpHeaders.COOKIE) != null);
  }

  /** 401 with the code and the Basic challenge; a wrong password or unknown account counts as a failed login. */
  private static AuthenticationEntryPoint entryPoint(LoginThrottle throttle) {
    return (request, response, failure) -> {
      if (failure instanceof BadCredentialsException
          || failure instanceof UsernameNotFoundException) {
        BasicCredentials.account(request)
            .ifPresent(account -> throttle.failed(account, request.getRemoteAddr()));
      }
      response.setHeader(
          HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
      ErrorResponses.write(request, response, DeskError.UNAUTHENTICATED, null, Map.of());
    };
  }

  private static AccessDeniedHandler accessDenied() {
    return (request, response, denied) ->
        ErrorResponses.write(
            request,
            response,
            denied instanceof CsrfException ? DeskError.CSRF_REJECTED : DeskError.ACCESS_DENIED,
            null,
            Map.of());
  }

  /** bcrypt at a production cost; below 10 only for tests, and said so in the log. */
  @Bean
  PasswordEncoder deskPasswordEncoder(DeskLimits limits) {
    int strength = limits.login().bcryptStrength();
    if (strength < 10) {
      log.warn(
          "desk.limits.login.bcrypt-strength is {}: password hashes are cheap to guess; use 10 or more",
          strength);
    }
    return new BCryptPasswordEncoder(strength);
  }

  /** The demo users, each password hashed once here, at start-up, with a salt of its own. */
  @Bean
  UserDetailsService deskUsers(PasswordEncoder passwords) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    for (DemoPeople.Person p : DemoPeople.PEOPLE) {
      users.createUser(
          User.withUsername(p.login())
              .password(passwords.encode(DEMO_PASSWORD))
              .roles(p.hostRole())
              .build());
    }
    return users;
  }
}
