/**
 * Persistence mappings of the store. Kept apart from the domain records: the store maps between
 * them, so that neither the API nor the SPI carries persistence annotations.
 */
@NullMarked
package dev.ticketing.jpa.entity;

import org.jspecify.annotations.NullMarked;
