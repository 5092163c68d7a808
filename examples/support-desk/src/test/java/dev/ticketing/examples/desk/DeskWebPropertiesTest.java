package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DeskWebPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Enabled.class);

  @EnableConfigurationProperties(DeskWebProperties.class)
  static class Enabled {}

  @Test
  @DisplayName("no attachment origin by default: the policy is the desk's own")
  void defaults() {
    runner.run(
        context -> {
          DeskWebProperties web = context.getBean(DeskWebProperties.class);
          assertThat(web.attachmentOrigins()).isEmpty();
          assertThat(DeskSecurity.contentSecurityPolicy(web.attachmentOrigins()))
              .isEqualTo(DeskSecurity.CONTENT_SECURITY_POLICY);
        });
  }

  @Test
  @DisplayName("a bucket's origin is allowed for connections (uploads) and images, nothing else")
  void bucketOrigin() {
    runner
        .withPropertyValues(
            "desk.web.attachment-origins=https://files.s3.eu-central-1.amazonaws.com,https://*.cdn.example.com:8443")
        .run(
            context -> {
              String csp =
                  DeskSecurity.contentSecurityPolicy(
                      context.getBean(DeskWebProperties.class).attachmentOrigins());
              String both =
                  "https://files.s3.eu-central-1.amazonaws.com https://*.cdn.example.com:8443";
              assertThat(csp)
                  .contains("connect-src 'self' " + both + ";")
                  .contains("img-src 'self' data: " + both + ";")
                  .contains("script-src 'self';")
                  .contains("default-src 'none';");
            });
  }

  @Test
  @DisplayName("a value that is not an origin stops the start, naming the property")
  void notAnOrigin() {
    for (String bad :
        List.of(
            "files.example.com",
            "https://files.example.com/",
            "https://files.example.com; script-src *",
            "ftp://files.example.com",
            "https://*")) {
      runner
          .withPropertyValues("desk.web.attachment-origins=" + bad)
          .run(context -> assertThat(context).hasFailed());
      assertThatThrownBy(() -> new DeskWebProperties(List.of(bad)))
          .hasMessageContaining("desk.web.attachment-origins")
          .hasMessageContaining(bad);
    }
  }
}
