package com.example.host;

import dev.ticketing.policy.Role;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.spring.security.HostUserLookup;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Step 2 of the README: the host's users and companies, and its login-to-user lookup. */
@Configuration(proxyBeanMethods = false)
class HostTicketing {
  /** The host's role names to ticketing roles, as in application.yml (for the directory's views). */
  private static final Map<String, Role> ROLES =
      Map.of("USER", Role.CUSTOMER, "SUPPORT", Role.AGENT, "SUPPORT_LEAD", Role.ADMIN);

  /** Users sign in with their e-mail address; tickets are stored under the host's numeric id. */
  @Bean
  HostUserLookup ticketingUsers(AppUserRepository users) {
    return login ->
        users
            .findByEmail(login)
            .map(u -> new HostUserLookup.HostUser(u.getId().toString(), u.getCompanyId()));
  }

  @Bean
  Directory ticketingDirectory(AppUserRepository users) {
    return new Directory() {
      @Override
      public Map<String, UserInfo> users(Collection<String> ids) {
        Map<String, UserInfo> out = new LinkedHashMap<>();
        List<Long> numeric =
            ids.stream().filter(id -> id.matches("\\d{1,18}")).map(Long::valueOf).toList();
        for (AppUser u : users.findAllById(numeric)) {
          Role role = ROLES.get(u.getRole());
          if (role != null) {
            String id = u.getId().toString();
            out.put(
                id, new UserInfo(id, u.getDisplayName(), null, u.getEmail(), role, u.getRole()));
          }
        }
        return out;
      }

      @Override
      public Map<String, CompanyInfo> companies(Collection<String> ids) {
        Map<String, CompanyInfo> out = new LinkedHashMap<>();
        for (String id : ids) {
          if (id.equals("acme") || id.equals("globex")) {
            out.put(id, new CompanyInfo(id, id.toUpperCase(), "support@" + id + ".example"));
          }
        }
        return out;
      }

      @Override
      public List<String> adminIds() {
        return users.findByRole("SUPPORT_LEAD").stream().map(u -> u.getId().toString()).toList();
      }
    };
  }
}
