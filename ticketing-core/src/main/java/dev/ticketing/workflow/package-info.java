/** The ticket status state machine as data. */
@NullMarked
package dev.ticketing.workflow;

import org.jspecify.annotations.NullMarked;
