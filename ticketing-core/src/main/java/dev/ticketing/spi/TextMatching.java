package dev.ticketing.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a search term promises to find in ticket text (title, description and, where the
 * searcher may, comment text). A store declares one through {@link TicketStore#textMatching()};
 * either way the case of letters is ignored, a result always contains the term, and the visibility
 * rules are the same (a customer's search never matches internal-note text).
 *
 * @since 0.2.0
 */
public enum TextMatching {

  /** The text contains the term anywhere, ignoring case: "nvoic" finds "invoice". */
  SUBSTRING,

  /**
   * The text contains the term, ignoring case, at a place where each of the term's {@linkplain
   * #words words} begins a word of the text: "invoice tot" finds "Wrong invoice total", "nvoic"
   * does not find "invoice". Every ticket found is one {@link #SUBSTRING} would find too. Words
   * the store's index cannot look up (very short ones, very common ones) are held only to the
   * containment of the whole term, so a term made only of such words is matched as a substring.
   */
  WORD_START;

  /**
   * The words of a term, lower-cased, in order: the longest runs of letters, digits and
   * underscores ({@code "O'Brien snake_case v2"} has the words {@code o}, {@code brien},
   * {@code snake_case} and {@code v2}). Stores matching {@link #WORD_START} translate these
   * into their index's query language; nothing else of the term ever reaches it.
   */
  public static List<String> words(String term) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    term.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp) || cp == '_') {
                word.appendCodePoint(cp);
              } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
              }
            });
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words;
  }
}
