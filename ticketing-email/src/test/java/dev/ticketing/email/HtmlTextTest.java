package dev.ticketing.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Inbound HTML is sanitised, and made text with its quotes marked. */
class HtmlTextTest {

  @Test
  void scriptsHandlersImagesAndStylesAreRemoved() {
    String dirty =
        "<p onclick=\"steal()\">Hi <b>there</b></p><script>alert(1)</script>"
            + "<img src=\"https://t.example/p.gif\"><style>p{}</style><a href=\"javascript:x()\">x</a>"
            + "<a href=\"https://ok.example/\">ok</a><iframe src=\"https://evil.example\"></iframe>";
    String clean = HtmlText.sanitise(dirty);
    assertThat(clean)
        .doesNotContain("script")
        .doesNotContain("onclick")
        .doesNotContain("<img")
        .doesNotContain("javascript:")
        .doesNotContain("iframe")
        .contains("<b>there</b>")
        .contains("https://ok.example/");
  }

  @Test
  void textKeepsLinesEntitiesAndMarksQuotes() {
    String html =
        HtmlText.sanitise(
            "<div>Line one<br>Line &amp; two &#8364;</div><blockquote><div>quoted</div></blockquote><p>after</p>");
    assertThat(HtmlText.toText(html)).isEqualTo("Line one\nLine & two €\n\n> quoted\n\nafter");
  }
}
