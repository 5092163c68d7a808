package dev.ticketing.unplaced.violation;

/** Deliberately breaks the rules: a package under dev.ticketing that no module claims. */
public final class UnplacedCapability {}
