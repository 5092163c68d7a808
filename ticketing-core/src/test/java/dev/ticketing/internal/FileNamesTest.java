package dev.ticketing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.ValidationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The last segment of an attachment's object key, made from whatever the client called the file. */
class FileNamesTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "error-screenshot.png | error-screenshot.png",
        "../../etc/passwd | passwd",
        "a/b\\c.png | c.png",
        "C:\\Users\\john\\report.pdf | report.pdf",
        "x/../../y.png | y.png",
        ".htaccess | htaccess",
        "archive.tar.gz | archive.tar.gz",
        "name. | name",
        "__init__.py | init__.py",
        "\"my file (1).png\" | my_file_(1).png",
        "a<b>c:d.txt | a_b_c_d.txt",
        "%2e%2e%2fpasswd | 2e_2e_2fpasswd",
        "Rechnung März.pdf | Rechnung_März.pdf",
        "日本語.txt | 日本語.txt",
      })
  void sanitises(String input, String expected) {
    assertThat(FileNames.sanitise(input)).isEqualTo(expected);
  }

  @Test
  void pipeAndQuestionMarkAreReplaced() {
    // Not expressible in the CSV above, whose delimiter is the pipe.
    assertThat(FileNames.sanitise("a<b>c:d|e?f*g.txt")).isEqualTo("a_b_c_d_e_f_g.txt");
  }

  @Test
  void controlAndDirectionCharactersAreDropped() {
    assertThat(FileNames.sanitise("re\u0000port\u0007\u001b.pdf")).isEqualTo("report.pdf");
    assertThat(FileNames.sanitise("line\r\nbreak.txt")).isEqualTo("linebreak.txt");
    assertThat(FileNames.sanitise("invoice\u202Egnp.exe"))
        .as("RTL override")
        .isEqualTo("invoicegnp.exe");
    assertThat(FileNames.sanitise("\u2066a\u2069\u200E\u200F\u061Cb.png")).isEqualTo("ab.png");
    assertThat(FileNames.sanitise("zero\u200Bwidth\uFEFF.png"))
        .as("format characters")
        .isEqualTo("zerowidth.png");
    assertThat(FileNames.sanitise("lone\uD800surrogate.png")).isEqualTo("lonesurrogate.png");
    assertThat(FileNames.sanitise("private\uE000use.png")).isEqualTo("privateuse.png");
    assertThat(FileNames.sanitise("tab\tand space.png"))
        .as("a tab is a control character, a space is replaced")
        .isEqualTo("taband_space.png");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "....",
        "/",
        "\\",
        "a/",
        "../..",
        "..\\..\\",
        "\u202E",
        "\u0000\u0001",
        " ",
        "_._",
        "\u200B"
      })
  void namesWithNothingUsableAreRefused(String input) {
    assertThatThrownBy(() -> FileNames.sanitise(input))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fields()).containsExactly("fileName"));
  }

  @Test
  void longNamesAreCutTo255BytesKeepingTheExtension() {
    String ascii = FileNames.sanitise("a".repeat(296) + ".png");
    assertThat(ascii).hasSize(255).endsWith(".png").startsWith("aaaa");

    String twoByte = FileNames.sanitise("\u00e9".repeat(200) + ".pdf");
    assertThat(utf8(twoByte)).isLessThanOrEqualTo(255).isGreaterThan(250);
    assertThat(twoByte).endsWith(".pdf").matches("\u00e9+\\.pdf");

    String emoji = FileNames.sanitise("\uD83D\uDE00".repeat(100) + ".png");
    assertThat(utf8(emoji)).isLessThanOrEqualTo(255);
    assertThat(emoji).endsWith(".png");
    assertThat(emoji.codePoints())
        .as("no code point cut in half")
        .allMatch(cp -> cp == 0x1F600 || cp < 128);

    String longExtension = FileNames.sanitise("a".repeat(300) + "." + "b".repeat(20));
    assertThat(utf8(longExtension)).isEqualTo(255);

    assertThat(FileNames.sanitise("a".repeat(251) + ".png")).as("255 bytes fit").hasSize(255);
  }

  @Test
  void resultIsAlwaysOneSafeSegment() {
    String[] nasty = {
      "../../etc/passwd",
      "a/b\\c.png",
      "\u0000/../x",
      "..%2f..%2fx",
      "x\u202E/..\\y",
      "COM1",
      "a".repeat(1000),
      "\u00e9".repeat(1000),
      "with\nnewline/and\\slash"
    };
    for (String input : nasty) {
      String name = FileNames.sanitise(input);
      assertThat(name).as(input).isNotEmpty().doesNotContain("/", "\\").doesNotStartWith(".");
      assertThat(name).isNotIn(".", "..");
      assertThat(utf8(name)).isLessThanOrEqualTo(FileNames.MAX_BYTES);
      assertThat(name.codePoints())
          .noneMatch(cp -> Character.isISOControl(cp) || Character.isWhitespace(cp));
      assertThat(FileNames.sanitise(name)).as("sanitising is idempotent").isEqualTo(name);
    }
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
