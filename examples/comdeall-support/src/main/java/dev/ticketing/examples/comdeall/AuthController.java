package dev.ticketing.examples.comdeall;

import dev.ticketing.ErrorCode;
import dev.ticketing.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/login} with {@code {"email","password"}} answers {@code {"token"}}: a JWT
 * with the user's Hasura claims, for {@code Authorization: Bearer} on every other endpoint.
 */
@RestController
class AuthController {
  static final String LOGIN_PATH = "/api/auth/login";
  private static final int MAX_FIELD = 320;

  private final PasswordEncoder passwords;
  private final TokenKeys.TokenIssuer tokens;

  /** Every demo user's password is "demo"; the hash is made once, at start-up. */
  private final String demoHash;

  AuthController(PasswordEncoder passwords, TokenKeys.TokenIssuer tokens) {
    this.passwords = passwords;
    this.tokens = tokens;
    this.demoHash = passwords.encode("demo");
  }

  record Credentials(@Nullable String email, @Nullable String password) {}

  @PostMapping(LOGIN_PATH)
  Map<String, String> login(@RequestBody Credentials credentials) {
    List<Violation> problems = new ArrayList<>();
    check("email", credentials.email(), problems);
    check("password", credentials.password(), problems);
    if (!problems.isEmpty()) {
      throw new Failure(
              HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION.name(), "invalid input", problems)
          .refused();
    }
    Optional<DemoUsers.User> user = DemoUsers.byEmail(credentials.email());
    // The hash is checked for unknown addresses too, so the answer takes as long either way.
    boolean matches = passwords.matches(credentials.password(), demoHash);
    if (user.isEmpty() || !matches) {
      throw Failure.of(
              HttpStatus.UNAUTHORIZED, Failure.INVALID_CREDENTIALS, "wrong e-mail or password")
          .refused();
    }
    return Map.of("token", tokens.tokenFor(user.get()));
  }

  private static void check(String field, @Nullable String value, List<Violation> problems) {
    if (value == null || value.isBlank()) {
      problems.add(new Violation(field, "is required"));
    } else if (value.length() > MAX_FIELD) {
      problems.add(new Violation(field, "must be at most " + MAX_FIELD + " characters"));
    }
  }
}
