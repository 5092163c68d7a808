package dev.ticketing.jpa;

/**
 * How the store's tables are laid out on PostgreSQL, chosen when the schema is created.
 *
 * <p>{@link #PLAIN} (the default) keeps each table whole. {@link #hashByCompany(int)} partitions the
 * tickets and every table of their rows (comments, attachments, upload grants, history, tags, field
 * values, SLA clocks, links, merges, automation clocks and firings, sent mails, ratings) {@code
 * PARTITION BY HASH (company_id)} into the same number of partitions, their primary and unique keys
 * led by {@code company_id}: every statement the store sends for one company's tickets or one
 * ticket's rows then reads one partition. Both layouts take the same migrations and pass the same
 * store contract; MariaDB and H2 have the plain layout only.
 *
 * @param partitions the number of hash partitions of each table; 0 for the plain layout
 * @since 0.2.0
 */
public record SchemaLayout(int partitions) {

  /** Every table whole: the default. */
  public static final SchemaLayout PLAIN = new SchemaLayout(0);

  /** The most partitions a table may have: past a few hundred, planning costs more than it saves. */
  public static final int MAX_PARTITIONS = 1024;

  /**
   * A layout of {@code partitions} per table, or none.
   *
   * @param partitions the partitions per table, 0 for a plain layout
   */
  public SchemaLayout {
    if (partitions != 0 && (partitions < 2 || partitions > MAX_PARTITIONS)) {
      throw new IllegalArgumentException(
          "partitions must be between 2 and " + MAX_PARTITIONS + " (or 0 for none): " + partitions);
    }
  }

  /**
   * Tickets and their rows partitioned by hash of the company, into {@code partitions} each (16 is
   * a good start: a partition per company group, small enough to vacuum and index quickly).
   *
   * @param partitions the partitions per table, 2 to {@link #MAX_PARTITIONS}
   * @return the layout
   */
  public static SchemaLayout hashByCompany(int partitions) {
    if (partitions == 0) {
      throw new IllegalArgumentException("partitions must be between 2 and " + MAX_PARTITIONS);
    }
    return new SchemaLayout(partitions);
  }

  /**
   * Whether the tables are partitioned by hash of the company.
   *
   * @return true when partitioned
   */
  public boolean partitioned() {
    return partitions > 0;
  }
}
