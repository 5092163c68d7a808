/** Bean Validation constraints the commands use; hosts may put them on their own input types too. */
@NullMarked
package dev.ticketing.validation;

import org.jspecify.annotations.NullMarked;
