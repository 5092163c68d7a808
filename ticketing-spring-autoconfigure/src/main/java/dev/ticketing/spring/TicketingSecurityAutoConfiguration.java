package dev.ticketing.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;

/**
 * An {@link ActorResolver} from Spring Security, when it is on the class path. It only reads the
 * security context: it never defines or changes the host's security filter chain.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityContextHolder.class)
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TicketingProperties.class)
public final class TicketingSecurityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RoleMapping ticketingRoleMapping(TicketingProperties properties) {
    return new RoleMapping(properties.roles().mapping(), properties.security().authorityPrefix());
  }

  @Bean
  @ConditionalOnMissingBean
  SpringSecurityActorResolver.ClaimReader ticketingClaimReader() {
    return TicketingSecurityAutoConfiguration::noClaims;
  }

  @Bean
  @ConditionalOnMissingBean
  CompanyResolver ticketingCompanyResolver(TicketingProperties properties, SpringSecurityActorResolver.ClaimReader claims) {
    String claim = properties.security().companyClaim();
    return auth -> claims.claim(auth, claim);
  }

  @Bean
  @ConditionalOnMissingBean
  ActorResolver ticketingActorResolver(RoleMapping roles, CompanyResolver companies,
      SpringSecurityActorResolver.ClaimReader claims, TicketingProperties properties) {
    return new SpringSecurityActorResolver(roles, companies, claims, properties.security().userIdClaim());
  }

  private static @Nullable String noClaims(Authentication auth, String name) {
    return null;
  }

  /** Token claims (JWT, opaque-token introspection) when Spring Security's OAuth2 core is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ClaimAccessor.class)
  static final class Claims {
    @Bean
    SpringSecurityActorResolver.ClaimReader ticketingClaimReader() {
      return (auth, name) -> auth.getPrincipal() instanceof ClaimAccessor token ? token.getClaimAsString(name) : null;
    }
  }
}
