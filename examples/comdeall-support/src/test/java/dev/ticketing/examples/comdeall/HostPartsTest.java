package dev.ticketing.examples.comdeall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The host's parts that need no running application: the secret with none configured, the signing key. */
@ExtendWith(OutputCaptureExtension.class)
class HostPartsTest {
  private final ResponseWriter writer = new ResponseWriter(JsonMapper.builder().build());

  @Test
  void withoutAConfiguredSecretEveryHasuraCallIsRefused() throws Exception {
    for (String configured : new String[] {null, "", "  "}) {
      HasuraSecret filter = new HasuraSecret(configured, writer);
      assertThat(filter.configured()).isFalse();
      for (String sent : new String[] {null, "", "  ", "anything"}) {
        MockHttpServletRequest request =
            new MockHttpServletRequest("POST", CommunicationController.ADD_NOTE_PATH);
        if (sent != null) {
          request.addHeader(ComdeallProperties.Hasura.SECRET_HEADER, sent);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean passed = new AtomicBoolean();
        FilterChain chain = (req, res) -> passed.set(true);
        filter.doFilter(request, response, chain);
        assertThat(passed).as("configured '%s', sent '%s'", configured, sent).isFalse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("\"code\":\"UNAUTHENTICATED\"");
      }
    }
  }

  @Test
  void theSigningKeyIsLongEnoughOrMadeAtRandomWithAWarning(CapturedOutput output) {
    TokenKeys keys = new TokenKeys();
    assertThatThrownBy(() -> keys.comdeallSigningKey(properties("too-short")))
        .hasMessageContaining("comdeall.jwt.secret must be at least 32 bytes");
    TokenKeys.SigningKey random = keys.comdeallSigningKey(properties(null));
    assertThat(random.key().getEncoded()).hasSize(32);
    assertThat(keys.comdeallSigningKey(properties(null)).key().getEncoded())
        .isNotEqualTo(random.key().getEncoded());
    assertThat(output.getOut() + output.getErr()).contains("comdeall.jwt.secret is not set");
  }

  private static ComdeallProperties properties(String jwtSecret) {
    return new ComdeallProperties(
        new ComdeallProperties.Hasura(null),
        new ComdeallProperties.Jwt(jwtSecret, "comdeall-support", java.time.Duration.ofHours(1)),
        new ComdeallProperties.Http(DataSize.ofKilobytes(64)));
  }
}
