/**
 * Who is calling: the {@link dev.ticketing.spring.security.ActorResolver} hosts pass to the
 * service, and its Spring Security implementation built from the role mapping and the host's user
 * lookup, or company and user-id claims.
 */
@NullMarked
package dev.ticketing.spring.security;

import org.jspecify.annotations.NullMarked;
