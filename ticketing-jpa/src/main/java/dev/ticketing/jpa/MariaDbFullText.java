package dev.ticketing.jpa;

import dev.ticketing.spi.TextMatching;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.type.BasicType;
import org.hibernate.type.StandardBasicTypes;
import org.jspecify.annotations.Nullable;

/**
 * InnoDB {@code FULLTEXT} search for MariaDB, where the store promises {@link
 * TextMatching#WORD_START}. HQL has no {@code MATCH ... AGAINST}, so this contributor (found by
 * Hibernate through {@code META-INF/services}) registers two functions on the MySQL family of
 * dialects: {@code ticketing_match_ticket(title, description, query)} over the index
 * {@code ft_ticket_text} and {@code ticketing_match_comment(content, query)} over
 * {@code ft_comment_content}, both in boolean mode, both a relevance that is above zero on a match.
 *
 * <p>The query is built here, from {@link TextMatching#words} only: each word the index can look up
 * becomes {@code +word*} (the text has a word beginning with it). Words hold letters, digits and
 * underscores alone, so nothing a user types ({@code + - * " ( ) ~ < > @}) can become an operator.
 * Words the index cannot look up are left to the {@code LIKE} that rechecks every candidate:
 * shorter than {@code innodb_ft_min_token_size} (3), longer than {@code innodb_ft_max_token_size}
 * (84), or a beginning of one of InnoDB's default stop words, which are not in the index (a
 * required stop word matches nothing, and {@code +wit*} would miss a text whose only such word is
 * "with").
 *
 * @since 0.1.0
 */
public final class MariaDbFullText implements FunctionContributor {

  static final String MATCH_TICKET = "ticketing_match_ticket";
  static final String MATCH_COMMENT = "ticketing_match_comment";
  static final String WORD_START = "ticketing_word_start";

  private static final int MIN_TOKEN = 3;
  private static final int MAX_TOKEN = 84;

  /** InnoDB's default stop words ({@code information_schema.innodb_ft_default_stopword}). */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "about", "an", "are", "as", "at", "be", "by", "com", "de", "en", "for", "from",
          "how", "i", "in", "is", "it", "la", "of", "on", "or", "that", "the", "this", "to", "was",
          "what", "when", "where", "who", "will", "with", "und", "www");

  @Override
  public void contributeFunctions(FunctionContributions functions) {
    if (!(functions.getDialect() instanceof MySQLDialect)) {
      return;
    }
    BasicType<Double> relevance =
        functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.DOUBLE);
    functions
        .getFunctionRegistry()
        .registerPattern(MATCH_TICKET, "match(?1, ?2) against (?3 in boolean mode)", relevance);
    functions
        .getFunctionRegistry()
        .registerPattern(MATCH_COMMENT, "match(?1) against (?2 in boolean mode)", relevance);
    // The same test row by row, for the probe that walks a few hundred tickets without the index.
    BasicType<Integer> flag =
        functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.INTEGER);
    functions.getFunctionRegistry().registerPattern(WORD_START, "(?1 regexp ?2)", flag);
  }

  /**
   * The words of a term the index can look up, each as the pattern of {@code regexp} that finds it at
   * the beginning of a word of a text: after the text's start or a character that is not a letter,
   * digit or underscore, as InnoDB splits words.
   */
  static List<String> wordStartPatterns(String term) {
    return indexedWords(term).stream().map(w -> "(^|[^\\p{L}\\p{N}_])" + w).toList();
  }

  private static List<String> indexedWords(String term) {
    return TextMatching.words(term).stream().filter(MariaDbFullText::indexed).distinct().toList();
  }

  /**
   * The boolean-mode query for a term: {@code +word*} for each word the index can look up, or
   * null when there is none (the search is then a plain {@code LIKE}).
   */
  static @Nullable String booleanQuery(String term) {
    List<String> words = indexedWords(term);
    return words.isEmpty()
        ? null
        : words.stream().map(w -> "+" + w + "*").collect(Collectors.joining(" "));
  }

  private static boolean indexed(String word) {
    int length = word.codePointCount(0, word.length());
    return length >= MIN_TOKEN
        && length <= MAX_TOKEN
        && STOP_WORDS.stream().noneMatch(s -> s.startsWith(word));
  }
}
