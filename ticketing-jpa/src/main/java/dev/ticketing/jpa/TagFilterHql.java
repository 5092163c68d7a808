package dev.ticketing.jpa;

import dev.ticketing.TagMatch;
import dev.ticketing.TicketFilter;
import java.util.List;
import java.util.Map;

/**
 * The tags filter of a listing, as conditions on {@code ticketing_ticket_tag}: any of the tags is
 * one {@code exists} over them all, every tag is one {@code exists} per tag. Each {@code exists}
 * looks its ticket up by the primary key {@code (ticket_id, tag)}. The tags are bound parameters,
 * normalised by core.
 *
 * <p>A page of one tag, or of "all of" several, is instead read from the rows of one tag ({@link
 * #drivingTags}): they repeat the ticket's creation time, company and requester, so {@code
 * ix_ticket_tag (tag, created_at, ticket_id)}, {@code ix_ticket_tag_company (company_id, tag,
 * created_at, ticket_id)} and {@code ix_ticket_tag_requester (requester_id, tag, created_at,
 * ticket_id)} hold them in the page's keyset order and the page stops after its last row, as the
 * ticket indexes do. For "all of", the store reads the rows of the tag that reaches farthest in a
 * small sample (the rarest near the page) and counts the others on each candidate by the primary
 * key, a per-row condition the planners do not turn into a join (as a join of every tag's rows,
 * both planners read the common tag's rows first and sorted). With an {@code exists}, the planners
 * could only walk a ticket index probing each ticket's tags (slow when the tag is rare or old) or
 * collect every ticket carrying the tag and sort them (slow when it is common: MariaDB sorted a
 * third of the tickets).
 */
final class TagFilterHql {
  private TagFilterHql() {}

  /**
   * The tags every ticket of the page carries, when the page may be read from their rows: the one
   * tag, or every tag of an "all of" filter; empty for "any of" several tags (a ticket would be
   * read once per tag it carries) and without a tags filter.
   */
  static List<String> drivingTags(TicketFilter f) {
    List<String> tags = f.tags();
    if (tags.isEmpty() || f.tagMatch() == TagMatch.ANY && tags.size() > 1) {
      return List.of();
    }
    return tags;
  }

  /**
   * The {@code exists} conditions for the ticket alias {@code t}; none when the page is read from
   * the tags' rows ({@code driven}), whose joins already require them.
   */
  static void add(
      List<String> where, Map<String, Object> params, String t, TicketFilter f, boolean driven) {
    List<String> tags = f.tags();
    if (tags.isEmpty() || driven) {
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
