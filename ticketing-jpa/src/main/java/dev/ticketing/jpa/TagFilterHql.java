package dev.ticketing.jpa;

import dev.ticketing.TagMatch;
import dev.ticketing.TicketFilter;
import java.util.List;
import java.util.Map;

/**
 * The tags filter of a listing, as conditions on {@code ticketing_ticket_tag}: any of the tags is
 * one {@code exists} over them all, every tag is one {@code exists} per tag. Each {@code exists}
 * looks its ticket up by the primary key {@code (ticket_id, tag)}; for a rare tag the planner may
 * instead start from {@code ix_ticket_tag (tag, created_at, ticket_id)}, which holds the creation
 * time so that the page's order comes with it. The tags are bound parameters, normalised by core.
 */
final class TagFilterHql {
  private TagFilterHql() {}

  static void add(List<String> where, Map<String, Object> params, String t, TicketFilter f) {
    List<String> tags = f.tags();
    if (tags.isEmpty()) {
      return;
    }
    if (f.tagMatch() == TagMatch.ANY || tags.size() == 1) {
      params.put("anyTags", tags);
      where.add(exists(t, "tg.tag in :anyTags"));
      return;
    }
    for (int i = 0; i < tags.size(); i++) {
      params.put("tag" + i, tags.get(i));
      where.add(exists(t, "tg.tag = :tag" + i));
    }
  }

  private static String exists(String t, String condition) {
    return "exists (select 1 from TicketTagEntity tg where tg.companyId = "
        + t
        + ".companyId and tg.ticketId = "
        + t
        + ".id and "
        + condition
        + ")";
  }
}
