package dev.ticketing.spi;

/** What the host's directory tells about a company (tenant). */
public record CompanyInfo(String id, String name, String email) {}
