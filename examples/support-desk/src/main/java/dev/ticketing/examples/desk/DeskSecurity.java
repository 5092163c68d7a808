package dev.ticketing.examples.desk;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The host's login: HTTP Basic against the demo users, password {@code demo}. Ticketing never
 * authenticates anybody; it reads who is calling through {@link DeskIdentities}.
 *
 * <p>A real host keeps its own authentication (sessions, OAuth2 tokens...) and only has to make
 * sure that {@code /graphql} and {@code /api/communication/**} require it. The Hasura webhook is
 * called by Hasura, not by a user: it carries a shared secret instead, checked by {@link
 * CommunicationController}.
 */
@Configuration(proxyBeanMethods = false)
class DeskSecurity {

  static final String DEMO_PASSWORD = "demo";

  @Bean
  SecurityFilterChain deskSecurityFilterChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.POST, CommunicationController.ADD_NOTE_PATH).permitAll()
            .requestMatchers("/error").permitAll()
            .anyRequest().authenticated())
        .httpBasic(basic -> {})
        // Every request carries its credentials (Basic): no session, and so no session to ride on.
        // A host with cookie sessions keeps Spring Security's CSRF protection switched on.
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  /**
   * bcrypt at cost 4: HTTP Basic checks the password on every request, and at the default cost (10)
   * that is some 80 ms each. Fine for a demo's password {@code demo}; a real host logs in once per
   * session or token and keeps the default cost. Declared as the encoder (not only as {@code
   * {bcrypt}} hashes) because Spring Security would otherwise "upgrade" every stored hash to cost 10
   * after the first login.
   */
  @Bean
  PasswordEncoder deskPasswordEncoder() {
    return new BCryptPasswordEncoder(4);
  }

  @Bean
  UserDetailsService deskUsers(PasswordEncoder passwords) {
    String password = passwords.encode(DEMO_PASSWORD);
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    for (DemoPeople.Person p : DemoPeople.PEOPLE) {
      users.createUser(User.withUsername(p.login()).password(password).roles(p.hostRole()).build());
    }
    return users;
  }
}
