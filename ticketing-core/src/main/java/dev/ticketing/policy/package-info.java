/** Who may do what: {@link dev.ticketing.policy.Actor}, roles and the pluggable permission policy with its default matrix. */
@NullMarked
package dev.ticketing.policy;

import org.jspecify.annotations.NullMarked;
