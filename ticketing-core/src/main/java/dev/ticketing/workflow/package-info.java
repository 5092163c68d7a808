/**
 * The ticket status state machine as data, and the status rules around it: which timestamps a move
 * sets ({@link dev.ticketing.workflow.StatusTimestamps}) and what a reply does to the status
 * ({@link dev.ticketing.workflow.ReplyAutomation}). Pure: no store, no clock.
 */
@NullMarked
package dev.ticketing.workflow;

import org.jspecify.annotations.NullMarked;
