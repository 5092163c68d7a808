package dev.ticketing.spi;

/**
 * What the host's directory tells about a company (tenant).
 *
 * @since 0.1.0
 */
public record CompanyInfo(String id, String name, String email) {}
