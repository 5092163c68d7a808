package dev.ticketing.examples.desk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The desk's pages for people: the sign-in form ({@code /login}), the agents' app at {@code /} (the
 * {@code <ticketing-inbox>} and {@code <ticketing-ticket>} web components) and the customer portal
 * at {@code /portal} ({@code <ticketing-portal>}). The components come from the {@code
 * ticketing-web} WebJar; each page carries the CSRF token for its forms, and asking for it sets the
 * {@code XSRF-TOKEN} cookie the components send back.
 */
@Controller
class DeskPages {
  static final String LOGIN = "/login";
  static final String PORTAL = "/portal";
  static final String ASSETS = "/desk-assets";

  private final String login = read("desk-pages/login.html");
  private final String agent = read("desk-pages/agent.html");
  private final String portal = read("desk-pages/portal.html");

  @GetMapping(LOGIN)
  ResponseEntity<String> login(
      CsrfToken csrf,
      @RequestParam(required = false) @Nullable String error,
      @RequestParam(required = false) @Nullable String logout) {
    String notice =
        error != null
            ? "<p class=\"error\" role=\"alert\">Wrong e-mail or password.</p>"
            : logout != null ? "<p role=\"status\">You are signed out.</p>" : "";
    return page(login.replace("{{notice}}", notice), csrf);
  }

  @GetMapping("/")
  ResponseEntity<String> agent(CsrfToken csrf, Authentication user) {
    if (!isStaff(user)) {
      return ResponseEntity.status(302).header("Location", PORTAL).build();
    }
    return page(agent.replace("{{name}}", escape(name(user))), csrf);
  }

  @GetMapping(PORTAL)
  ResponseEntity<String> portal(CsrfToken csrf, Authentication user) {
    return page(portal.replace("{{name}}", escape(name(user))), csrf);
  }

  static boolean isStaff(Authentication user) {
    return DemoPeople.byLogin(user.getName()).map(p -> p.companyId() == null).orElse(false);
  }

  private static String name(Authentication user) {
    return DemoPeople.byLogin(user.getName())
        .map(p -> p.firstName() + " " + p.lastName())
        .orElse(user.getName());
  }

  private static ResponseEntity<String> page(String html, CsrfToken csrf) {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .body(
            html.replace("{{csrfParameter}}", escape(csrf.getParameterName()))
                .replace("{{csrf}}", escape(csrf.getToken())));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static String read(String path) {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
