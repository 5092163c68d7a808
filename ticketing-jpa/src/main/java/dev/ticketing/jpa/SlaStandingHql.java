package dev.ticketing.jpa;

import dev.ticketing.TicketFilter;
import dev.ticketing.sla.SlaStanding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SLA standing filter of a listing, as one condition on {@code ticketing_sla_clock}: core's
 * {@link SlaStanding#of} written in HQL. Each clock is ranked as that rule ranks it (breached,
 * warned while counting, counting, waiting, neither), and a ticket stands as its best-ranked clock:
 * one {@code exists} over the ticket's clocks (looked up by the primary key's leading {@code
 * ticket_id}) whose smallest rank is the one asked for; "none" is the absence of any clock ranked
 * better than "none". The columns are those the SLA store keeps for its own listings: {@code
 * breach_at} is the clock's breach time (due time while it counts, or the due time it reached
 * before it stopped), {@code warn_at} its warning time, both in microseconds.
 */
final class SlaStandingHql {
  private SlaStandingHql() {}

  /** The clock {@code k}'s rank: the ordinal of the standing it gives its ticket. */
  private static final String RANK =
      "case when k.breachAt <= :slaNow then 0"
          + " when k.state = 'ACTIVE' and k.warnAt <= :slaNow then 1"
          + " when k.state = 'ACTIVE' then 2"
          + " when k.state = 'PAUSED' then 3"
          + " else 4 end";

  /** The condition for the ticket alias {@code t}, judged at {@code now}; none without a standing. */
  static void add(
      List<String> where, Map<String, Object> params, String t, TicketFilter f, Instant now) {
    SlaStanding standing = f.slaStanding();
    if (standing == null) {
      return;
    }
    params.put("slaNow", JpaSlaStore.micros(now));
    String clocks =
        "select 1 from SlaClockEntity k where k.companyId = "
            + t
            + ".companyId and k.ticketId = "
            + t
            + ".id";
    if (standing == SlaStanding.NONE) {
      where.add(
          "not exists ("
              + clocks
              + " and (k.breachAt <= :slaNow or k.state in ('ACTIVE', 'PAUSED')))");
      return;
    }
    params.put("slaRank", standing.ordinal());
    where.add("exists (" + clocks + " group by k.ticketId having min(" + RANK + ") = :slaRank)");
  }
}
