package dev.ticketing.spi;

/** What object storage reports about a stored object. */
public record BlobInfo(long size, String contentType) {}
