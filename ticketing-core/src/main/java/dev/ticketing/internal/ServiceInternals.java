package dev.ticketing.internal;

import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.TicketStore;

/**
 * The collaborators of one {@link DefaultTicketService} that a capability beside the tickets writes
 * through, so that its writes take the same path as the service's own: the same unit of work (with
 * every extension's enclosure), the same permission checks, audit and listeners.
 */
record ServiceInternals(
    TicketStore store,
    Directory directory,
    PermissionPolicy policy,
    TicketingOptions options,
    UnitOfWork unit,
    Access access,
    ChangeLog changes,
    TicketEdits edits,
    TagEdits tags,
    CommentWriter comments,
    ViewAssembler views) {}
