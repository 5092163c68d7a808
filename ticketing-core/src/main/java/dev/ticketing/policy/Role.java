package dev.ticketing.policy;

/**
 * The SDK's roles. Hosts map their own role names onto these (the GraphQL ticket module's
 * CALENDAR_MEMBER to CUSTOMER and SALES to AGENT; the Comdeall support module's PARENT and
 * THERAPIST to CUSTOMER; see docs/compatibility.md).
 *
 * @since 0.1.0
 */
public enum Role {
  CUSTOMER,
  AGENT,
  ADMIN,
  SUPER_ADMIN;

  /** Agents, admins and super admins are staff: they work tickets rather than raise them. */
  public boolean isStaff() {
    return this != CUSTOMER;
  }
}
