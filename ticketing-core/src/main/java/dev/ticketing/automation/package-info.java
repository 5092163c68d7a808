/**
 * Automation rules as values: triggers that react to a ticket's changes ({@link
 * dev.ticketing.automation.RuleEvent}) and time rules that fire once a ticket has waited long
 * enough, both as ordered lists of {@link dev.ticketing.automation.Condition}s and {@link
 * dev.ticketing.automation.RuleAction}s, managed through {@link
 * dev.ticketing.automation.AutomationService} and run by the engine in the unit of work of the
 * change they react to.
 */
@NullMarked
package dev.ticketing.automation;

import org.jspecify.annotations.NullMarked;
