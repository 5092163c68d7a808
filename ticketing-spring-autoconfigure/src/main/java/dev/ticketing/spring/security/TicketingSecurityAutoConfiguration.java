package dev.ticketing.spring.security;

import dev.ticketing.spring.autoconfigure.TicketingProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.converter.ClaimConversionService;

/**
 * An {@link ActorResolver} from Spring Security, when it is on the class path. It only reads the
 * security context: it never defines or changes the host's security filter chain.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SecurityContextHolder.class)
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TicketingProperties.class)
public final class TicketingSecurityAutoConfiguration {
  private static final Logger log =
      LoggerFactory.getLogger(TicketingSecurityAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  RoleMapping ticketingRoleMapping(TicketingProperties properties) {
    TicketingProperties.Roles roles = properties.roles();
    RoleMapping mapping =
        new RoleMapping(
            roles.mapping(), properties.security().authorityPrefix(), roles.sameNameMapping());
    if (mapping.isEmpty()) {
      log.warn(
          "ticketing.roles.mapping is empty: every user will be refused. Map your role names, for"
              + " example ticketing.roles.mapping.USER=CUSTOMER and"
              + " ticketing.roles.mapping.SUPPORT=AGENT");
    }
    return mapping;
  }

  @Bean
  @ConditionalOnMissingBean
  SpringSecurityActorResolver.ClaimReader ticketingClaimReader() {
    return TicketingSecurityAutoConfiguration::noClaims;
  }

  @Bean
  @ConditionalOnMissingBean
  CompanyResolver ticketingCompanyResolver(
      TicketingProperties properties, SpringSecurityActorResolver.ClaimReader claims) {
    String claim = properties.security().companyClaim();
    return auth -> claims.claim(auth, claim);
  }

  @Bean
  @ConditionalOnMissingBean
  UserIdResolver ticketingUserIdResolver(
      TicketingProperties properties, SpringSecurityActorResolver.ClaimReader claims) {
    String claim = properties.security().userIdClaim();
    return claim == null
        ? new SpringSecurityActorResolver.AuthenticationName()
        : auth -> claims.claim(auth, claim);
  }

  @Bean
  @ConditionalOnMissingBean
  ActorResolver ticketingActorResolver(
      RoleMapping roles,
      CompanyResolver companies,
      UserIdResolver userIds,
      ObjectProvider<HostUserLookup> lookup,
      TicketingProperties properties) {
    return new SpringSecurityActorResolver(
        roles, companies, userIds, lookup.getIfUnique(), properties.security().emailUserIds());
  }

  private static @Nullable String noClaims(Authentication auth, String name) {
    return null;
  }

  /**
   * Token claims when Spring Security's OAuth2 core is present: from a {@link ClaimAccessor}
   * principal (a {@code Jwt}, an introspected opaque token, an OIDC user) or from the attributes of
   * an {@link OAuth2AuthenticatedPrincipal} that is not one (the {@code
   * DefaultOAuth2AuthenticatedPrincipal} custom introspectors return, a plain OAuth2 login's user).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ClaimAccessor.class)
  static final class Claims {
    @Bean
    SpringSecurityActorResolver.ClaimReader ticketingClaimReader() {
      return Claims::claim;
    }

    private static @Nullable String claim(Authentication auth, String name) {
      Object principal = auth.getPrincipal();
      if (principal instanceof ClaimAccessor token) {
        return token.getClaimAsString(name);
      }
      if (principal instanceof OAuth2AuthenticatedPrincipal oauth2) {
        Object value = oauth2.getAttributes().get(name);
        return value == null
            ? null
            : ClaimConversionService.getSharedInstance().convert(value, String.class);
      }
      return null;
    }
  }
}
