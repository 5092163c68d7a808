/**
 * Who gets a ticket: agents' assignment profiles (skills, capacity, availability), their current
 * load, and the strategies that rank the agents able to take one more ticket ({@link
 * dev.ticketing.assignment.AssignmentStrategy}: round robin, least loaded, skills). The engine asks
 * a strategy for a ranking and claims the first agent that still has room inside the assignment's
 * own unit of work, so rankings may be computed from a moment-old picture without ever
 * over-assigning.
 */
@NullMarked
package dev.ticketing.assignment;

import org.jspecify.annotations.NullMarked;
