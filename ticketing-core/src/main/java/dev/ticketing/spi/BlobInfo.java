package dev.ticketing.spi;

/**
 * What object storage reports about a stored object.
 *
 * @since 0.1.0
 */
public record BlobInfo(long size, String contentType) {}
