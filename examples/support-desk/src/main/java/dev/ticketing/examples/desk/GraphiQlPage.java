package dev.ticketing.examples.desk;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * GraphiQL at {@code /graphiql}, served entirely by the desk: the page, its script and style
 * ({@code /graphiql-assets}), and GraphiQL and React from WebJars ({@code /webjars}); nothing from a
 * CDN, and the Content-Security-Policy allows nothing else. The page sends the CSRF token with every
 * request (see {@link DeskSecurity}); asking for it here sets its cookie.
 */
@Controller
class GraphiQlPage {
  static final String ASSETS = "/graphiql-assets";

  private static final Resource PAGE = new ClassPathResource("graphiql/index.html");

  @GetMapping("/graphiql")
  ResponseEntity<Resource> page(CsrfToken csrf) {
    csrf.getToken(); // sets the XSRF-TOKEN cookie the page's script reads
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .cacheControl(CacheControl.noStore())
        .body(PAGE);
  }
}
