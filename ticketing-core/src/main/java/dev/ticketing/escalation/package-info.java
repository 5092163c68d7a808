/**
 * Raising service-level alerts: the {@link dev.ticketing.escalation.SlaScheduler} claims the clocks
 * whose warning or due time has come and raises each alert once, as an audit entry and a
 * notification, whatever the number of instances running it.
 */
@NullMarked
package dev.ticketing.escalation;

import org.jspecify.annotations.NullMarked;
