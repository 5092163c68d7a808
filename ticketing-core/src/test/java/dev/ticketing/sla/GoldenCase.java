package dev.ticketing.sla;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One row of the golden table: {@code id;calendar;policy;events;expected}. Events and outcomes are
 * separated by {@code |}; times are written with their offset in the calendar's zone (UTC for
 * calendar hours), so that a row reads like a wall clock.
 *
 * <p>Events: {@code <time> created <PRIORITY> <CATEGORY>}, {@code <time> staff-reply}, {@code <time>
 * customer-reply}, {@code <time> status <STATUS>}, {@code <time> priority <PRIORITY>}, {@code <time>
 * category <CATEGORY>}, {@code <time> field <key>=<value>}, {@code <time> clear-field <key>};
 * {@code created} may end with {@code <key>=<value>} custom field values. Outcomes: {@code <TARGET>#<cycle> <STATE> counted=<minutes at the last
 * event> breach=<time|-> warn=<time|->}.
 */
record GoldenCase(String id, String calendar, String policy, String events, String expected) {

  static GoldenCase parse(String line) {
    String[] f = line.split(";", -1);
    if (f.length != 5) {
      throw new IllegalArgumentException("not a golden row: " + line);
    }
    return new GoldenCase(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(), f[4].trim());
  }

  String line() {
    return String.join(";", id, calendar, policy, events, expected);
  }

  ZoneId zone() {
    return GoldenCatalog.zone(calendar);
  }

  SlaConfiguration configuration() {
    return GoldenCatalog.configuration(calendar, policy);
  }

  /** The events, the status before each move tracked from the created ticket's OPEN. */
  List<SlaEvent> parsedEvents() {
    List<SlaEvent> out = new ArrayList<>();
    Status status = Status.OPEN;
    for (String e : events.split("\\|")) {
      String[] w = e.trim().split(" ");
      Instant at = OffsetDateTime.parse(w[0]).toInstant();
      switch (w[1]) {
        case "created" ->
            out.add(
                new SlaEvent.Created(
                    at,
                    Status.OPEN,
                    Priority.valueOf(w[2]),
                    new Category(w[3]),
                    "acme",
                    Set.of(),
                    values(w, 4)));
        case "staff-reply" -> out.add(new SlaEvent.Replied(at, true));
        case "customer-reply" -> out.add(new SlaEvent.Replied(at, false));
        case "status" -> {
          Status to = Status.valueOf(w[2]);
          out.add(new SlaEvent.StatusChanged(at, status, to));
          status = to;
        }
        case "priority" ->
            out.add(new SlaEvent.Reclassified(at, Priority.valueOf(w[2]), null, null));
        case "category" -> out.add(new SlaEvent.Reclassified(at, null, new Category(w[2]), null));
        case "field" -> out.add(SlaEvent.Reclassified.fields(at, values(w, 2), Set.of()));
        case "clear-field" -> out.add(SlaEvent.Reclassified.fields(at, Map.of(), Set.of(w[2])));
        default -> throw new IllegalArgumentException("unknown event: " + e);
      }
    }
    return out;
  }

  /** Custom field values written {@code key=value} from word {@code from} on. */
  private static Map<String, String> values(String[] words, int from) {
    Map<String, String> values = new HashMap<>();
    for (int i = from; i < words.length; i++) {
      String[] kv = words[i].split("=", 2);
      values.put(kv[0], kv[1]);
    }
    return values;
  }

  Instant lastEventAt() {
    List<SlaEvent> events = parsedEvents();
    return events.get(events.size() - 1).at();
  }

  /** The outcomes of the reference, written as the table writes them. */
  static String format(List<MinuteReference.Outcome> outcomes, ZoneId zone) {
    if (outcomes.isEmpty()) {
      return "none";
    }
    return outcomes.stream()
        .map(
            o ->
                o.target()
                    + "#"
                    + o.cycle()
                    + " "
                    + o.state()
                    + " counted="
                    + o.countedMinutes()
                    + " breach="
                    + time(o.breach(), zone)
                    + " warn="
                    + time(o.warning(), zone))
        .collect(Collectors.joining(" | "));
  }

  static String time(@Nullable Instant t, ZoneId zone) {
    return t == null ? "-" : t.atZone(zone).toOffsetDateTime().toString();
  }
}
