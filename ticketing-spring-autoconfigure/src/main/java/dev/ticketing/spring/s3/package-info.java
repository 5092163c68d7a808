/**
 * Attachments in an S3 bucket ({@code ticketing.s3.*}).
 */
@NullMarked
package dev.ticketing.spring.s3;

import org.jspecify.annotations.NullMarked;
