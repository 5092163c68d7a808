/**
 * The library's errors as HTTP answers: {@code ProblemDetail}s with the stable code for Spring MVC
 * hosts.
 */
@NullMarked
package dev.ticketing.spring.web;

import org.jspecify.annotations.NullMarked;
