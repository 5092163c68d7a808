package dev.ticketing.policy;

/**
 * The SDK's roles. Hosts map their own role names onto these (seed 000: CALENDAR_MEMBER to
 * CUSTOMER, SALES to AGENT; seed 001: PARENT and THERAPIST to CUSTOMER).
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
