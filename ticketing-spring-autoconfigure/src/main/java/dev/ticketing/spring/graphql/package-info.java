/**
 * The library's errors as coded GraphQL errors for Spring for GraphQL hosts.
 */
@NullMarked
package dev.ticketing.spring.graphql;

import org.jspecify.annotations.NullMarked;
