package dev.ticketing.spring.diagnostics;

/**
 * Hibernate's schema generation is set to drop tables ({@code create}, {@code create-drop}, {@code
 * drop}) while the host's own schema filter keeps the ticketing tables in its reach: they would be
 * dropped, with every ticket. Start-up fails instead.
 *
 * @since 0.1.0
 */
public final class DestructiveSchemaGenerationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String value;

  public DestructiveSchemaGenerationException(String property, String value) {
    super(
        property
            + "="
            + value
            + " would drop the ticketing tables: the host's own"
            + " hibernate.hbm2ddl.schema_filter_provider replaces the one that keeps them out of"
            + " Hibernate's schema generation");
    this.property = property;
    this.value = value;
  }

  /** The property that asks for the schema generation. */
  public String property() {
    return property;
  }

  /** Its value. */
  public String value() {
    return value;
  }
}
