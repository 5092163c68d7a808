package dev.ticketing;

/**
 * Who sees a custom field and its values.
 *
 * @since 0.2.0
 */
public enum FieldVisibility {
  /** Customers who see the ticket see the field, and may set it on tickets they may update. */
  CUSTOMERS,
  /**
   * Staff only: the field and its values never reach a customer, in views, lists, filters, history
   * or notifications. A customer naming it is told the field is unknown.
   */
  STAFF
}
