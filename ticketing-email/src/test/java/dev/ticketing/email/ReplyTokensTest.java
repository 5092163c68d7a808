package dev.ticketing.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.email.ReplyTokens.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signed reply addresses: valid for the ticket they were made for, under this key only. */
class ReplyTokensTest {

  private final ReplyTokens tokens = new ReplyTokens(MailDesk.KEY, "support@desk.example");

  @Test
  void aReplyAddressNamesItsTicketAndFitsTheLocalPartLimit() {
    String ticket = UUID.randomUUID().toString();
    String address = tokens.replyAddress(ticket);
    assertThat(address).startsWith("support+" + ticket + ".").endsWith("@desk.example");
    assertThat(address.substring(0, address.indexOf('@'))).hasSizeLessThanOrEqualTo(64);
    assertThat(tokens.verify(address)).isEqualTo(new Verdict.Valid(ticket));
    assertThat(
            tokens.verify(
                address
                    .toUpperCase(java.util.Locale.ROOT)
                    .replace(ticket.toUpperCase(java.util.Locale.ROOT), ticket)))
        .as("providers may change the case of the signature and the domain")
        .isEqualTo(new Verdict.Valid(ticket));
  }

  @Test
  void anAlteredOrForeignTokenIsForged() {
    String ticket = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    String address = tokens.replyAddress(ticket);
    String signature =
        address.substring(address.lastIndexOf('.', address.indexOf('@')) + 1, address.indexOf('@'));
    assertThat(tokens.verify("support+" + other + "." + signature + "@desk.example"))
        .isEqualTo(new Verdict.Forged(other));
    ReplyTokens otherKey =
        new ReplyTokens(
            "another host's key, also 32 bytes long".getBytes(StandardCharsets.UTF_8),
            "support@desk.example");
    assertThat(otherKey.verify(address)).isEqualTo(new Verdict.Forged(ticket));
    assertThat(tokens.verify("support+" + ticket + "@desk.example"))
        .isInstanceOf(Verdict.Forged.class);
  }

  @Test
  void otherAddressesCarryNoToken() {
    assertThat(tokens.verify("support@desk.example")).isEqualTo(new Verdict.None());
    assertThat(tokens.verify("sales+x.y@desk.example")).isEqualTo(new Verdict.None());
    assertThat(tokens.verify("support+x.y@other.example")).isEqualTo(new Verdict.None());
  }

  @Test
  void idsThatCannotBeAnAddressGetThePlainAddress() {
    assertThat(tokens.replyAddress("odd:id@x")).isEqualTo("support@desk.example");
  }

  @Test
  void aShortKeyOrAPlusAddressIsRefused() {
    assertThatThrownBy(() -> new ReplyTokens(new byte[16], "support@desk.example"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReplyTokens(MailDesk.KEY, "support+x@desk.example"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
