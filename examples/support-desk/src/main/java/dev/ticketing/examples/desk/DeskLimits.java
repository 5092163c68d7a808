package dev.ticketing.examples.desk;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code desk.limits.*} properties: what one client may cost the desk. Every limit has a
 * default that serves the desk's GraphQL documents and REST calls with room to spare; the
 * security page lists them all.
 *
 * @param http request sizes
 * @param graphql the shape and cost of GraphQL documents, and how long one may run
 * @param writes per-user rate of writes (GraphQL mutations, bulk resolve)
 * @param login login throttling and password hashing
 * @param ratings rating attempts through the signed link, per client address
 */
@ConfigurationProperties("desk.limits")
record DeskLimits(
    @DefaultValue Http http,
    @DefaultValue GraphQl graphql,
    @DefaultValue Writes writes,
    @DefaultValue Login login,
    @DefaultValue Ratings ratings) {

  /**
   * @param maxRequestSize the largest request body on any endpoint; a larger one is answered 413
   *     without being read (by its {@code Content-Length}, or as soon as a chunked body passes it)
   */
  record Http(@DefaultValue("256KB") DataSize maxRequestSize) {}

  /**
   * @param maxCharacters the longest document, in characters (parser)
   * @param maxTokens the most grammar tokens in a document (parser)
   * @param maxDepth the deepest nesting of fields (introspection is bounded by graphql-java itself)
   * @param maxFields the most field selections, counted with fragments expanded and repeats included
   * @param maxAliases the most aliased field selections
   * @param maxCost the highest cost: each field costs 1, the selection under a list field counts
   *     {@code listFactor} times
   * @param listFactor how many items a list is assumed to hold when costing a document
   * @param maxMutations the most mutation fields in one document
   * @param timeout how long one document may run; past it, no further field is fetched
   */
  record GraphQl(
      @DefaultValue("20000") int maxCharacters,
      @DefaultValue("5000") int maxTokens,
      @DefaultValue("10") int maxDepth,
      @DefaultValue("500") int maxFields,
      @DefaultValue("20") int maxAliases,
      @DefaultValue("2500") int maxCost,
      @DefaultValue("10") int listFactor,
      @DefaultValue("5") int maxMutations,
      @DefaultValue("10s") Duration timeout) {}

  /**
   * @param capacity the most writes one user may make in a burst
   * @param period the time in which {@code capacity} writes are granted again, evenly
   */
  record Writes(@DefaultValue("60") int capacity, @DefaultValue("1m") Duration period) {}

  /**
   * @param accountFailures failed logins one account may see before it is refused (429)
   * @param accountPeriod the time in which {@code accountFailures} attempts are granted again
   * @param addressFailures failed logins one client address may make before it is refused (429)
   * @param addressPeriod the time in which {@code addressFailures} attempts are granted again
   * @param tracked how many accounts and addresses are tracked at most (oldest forgotten first)
   * @param bcryptStrength the bcrypt cost of the stored password hashes (log2 of the rounds)
   */
  record Login(
      @DefaultValue("10") int accountFailures,
      @DefaultValue("15m") Duration accountPeriod,
      @DefaultValue("50") int addressFailures,
      @DefaultValue("15m") Duration addressPeriod,
      @DefaultValue("100000") int tracked,
      @DefaultValue("10") int bcryptStrength) {}

  /**
   * The signed rating link is answered without signing in, so its attempts are counted per client
   * address, before the token is checked.
   *
   * @param capacity the most rating attempts one client address may make in a burst
   * @param period the time in which {@code capacity} attempts are granted again, evenly
   */
  record Ratings(@DefaultValue("20") int capacity, @DefaultValue("15m") Duration period) {}
}
