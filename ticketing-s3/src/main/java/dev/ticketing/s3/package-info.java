/**
 * Attachments on Amazon S3 or an S3-compatible store: {@link dev.ticketing.s3.S3BlobStore}, a {@link
 * dev.ticketing.spi.BlobStore} on the AWS SDK v2 pre-signer and client, configured by {@link
 * dev.ticketing.s3.S3Settings}.
 */
@NullMarked
package dev.ticketing.s3;

import org.jspecify.annotations.NullMarked;
