package dev.ticketing.policy;

/**
 * Everything a {@link PermissionPolicy} decides about.
 *
 * @since 0.1.0
 */
public enum Operation {
  CREATE_TICKET,
  VIEW_TICKET,
  UPDATE_TICKET,
  CHANGE_STATUS,
  ASSIGN_TICKET,
  /** Add a public comment (reply). */
  COMMENT,
  ADD_INTERNAL_NOTE,
  /** See internal notes, their attachments and anything derived from them. */
  VIEW_INTERNAL_NOTES,
  /** Request an upload URL and confirm an attachment. */
  ATTACH_FILE,
  VIEW_HISTORY,
  VIEW_STATISTICS,
  /** The unscoped admin listing ({@code tickets(filter)}). */
  LIST_ALL_TICKETS,
  /** Include soft-deleted tickets in a listing. */
  VIEW_DELETED,
  DELETE_TICKET,
  RESTORE_TICKET,
  PURGE_TICKET,
  /**
   * Raise a ticket on behalf of a customer of the company (the requester), as staff. Customers
   * never raise tickets for others, whatever the policy grants.
   *
   * @since 0.1.0
   */
  RAISE_ON_BEHALF,
  /**
   * Add and remove a ticket's tags.
   *
   * @since 0.1.0
   */
  TAG_TICKET,
  /**
   * Add and remove a ticket's followers (staff told of every change).
   *
   * @since 0.1.0
   */
  MANAGE_FOLLOWERS,
  /**
   * Add and remove a ticket's CCs (customers of its company who then see and reply to it).
   *
   * @since 0.1.0
   */
  MANAGE_CCS,
  /**
   * Define, change and retire custom fields (a ticket-less operation: needs a grant reaching every
   * ticket).
   *
   * @since 0.2.0
   */
  MANAGE_FIELDS,
  /**
   * Set and clear a ticket's custom field values (customers: only fields visible to them).
   *
   * @since 0.2.0
   */
  SET_FIELDS,
  /**
   * Assign a ticket by a strategy ({@code Ticketing.assignment().autoAssign}); needs {@link
   * #ASSIGN_TICKET} on the ticket as well.
   *
   * @since 0.2.0
   */
  AUTO_ASSIGN,
  /**
   * Change, list and remove agents' assignment profiles (skills, capacity, availability) and
   * reconcile their loads. Concerns no single ticket.
   *
   * @since 0.2.0
   */
  MANAGE_AGENTS,
  /**
   * Read one's own assignment profile and say whether one takes new tickets (available or away).
   * Concerns no single ticket.
   *
   * @since 0.2.0
   */
  SET_OWN_AVAILABILITY,
  /**
   * Link a ticket to another of its company and remove the link (staff only, on both tickets).
   *
   * @since 0.2.0
   */
  LINK_TICKETS,
  /**
   * Merge a ticket into another of its company and undo the merge (staff only, on both tickets).
   *
   * @since 0.2.0
   */
  MERGE_TICKETS,
  /**
   * Define, change and delete macros (canned replies). Concerns no ticket: needs a grant reaching
   * every ticket.
   *
   * @since 0.2.0
   */
  MANAGE_MACROS,
  /**
   * Apply (and preview) a macro on a ticket; each change the macro makes needs its own permission
   * too.
   *
   * @since 0.2.0
   */
  APPLY_MACRO,
  /**
   * Rate a resolved or closed ticket (satisfaction); only ever its requester, whatever the policy
   * grants.
   *
   * @since 0.2.0
   */
  RATE_TICKET,
  /**
   * Create, edit, enable, disable, delete, list and dry-run automation rules.
   *
   * @since 0.2.0
   */
  MANAGE_AUTOMATIONS,
  /**
   * Check the ticket counters against the tickets, and repair them. Concerns no ticket: needs a
   * grant reaching every ticket (admins and super admins by default).
   *
   * @since 0.2.0
   */
  RECONCILE_COUNTERS
}
