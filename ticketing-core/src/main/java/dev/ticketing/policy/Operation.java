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
  PURGE_TICKET
}
