package dev.ticketing.examples.desk;

import dev.ticketing.spring.security.CompanyResolver;
import dev.ticketing.spring.security.UserIdResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who is calling, in ticketing terms. People log in here with their email while ticketing knows
 * them by their user id: {@code john@acme.com} is the actor {@code john}, a customer of {@code
 * acme}. Two small beans tell the auto-configured actor resolver so; the role still comes from the
 * authorities through {@code ticketing.roles.mapping} in {@code application.yml}, and anybody
 * unknown or unmapped gets no actor (deny by default).
 */
@Configuration(proxyBeanMethods = false)
class DeskIdentities {

  @Bean
  UserIdResolver deskUserIds() {
    return auth -> DemoPeople.byLogin(auth.getName()).map(DemoPeople.Person::id).orElse(null);
  }

  @Bean
  CompanyResolver deskCompanies() {
    return auth ->
        DemoPeople.byLogin(auth.getName()).map(DemoPeople.Person::companyId).orElse(null);
  }
}
