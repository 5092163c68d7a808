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
   * Create, edit, enable, disable, delete, list and dry-run automation rules.
   *
   * @since 0.2
   */
  MANAGE_AUTOMATIONS
}
