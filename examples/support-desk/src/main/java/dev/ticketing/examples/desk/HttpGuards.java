package dev.ticketing.examples.desk;

import dev.ticketing.email.InboundMail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The desk's servlet filters, in the order they run, all before Spring Security and before anything
 * reads a body: coded bodies for empty error answers (outermost, so it sees every answer), the
 * webhook's secret, then the request-size limit (the e-mail channel's own on the inbound mail
 * endpoint).
 */
@Configuration(proxyBeanMethods = false)
class HttpGuards {

  @Bean
  FilterRegistrationBean<EmptyErrorBodyFilter> emptyErrorBodyFilter() {
    FilterRegistrationBean<EmptyErrorBodyFilter> registration =
        new FilterRegistrationBean<>(new EmptyErrorBodyFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<WebhookSecretFilter> webhookSecretFilter(HasuraProperties hasura) {
    FilterRegistrationBean<WebhookSecretFilter> registration =
        new FilterRegistrationBean<>(new WebhookSecretFilter(hasura));
    registration.addUrlPatterns(WebhookSecretFilter.PATH);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
      DeskLimits limits, ObjectProvider<InboundMail> inbound) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RequestSizeLimitFilter(
                limits, () -> InboundMailController.maxBytes(inbound, limits)));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }
}
