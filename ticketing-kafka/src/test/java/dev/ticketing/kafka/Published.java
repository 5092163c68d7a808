package dev.ticketing.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** One record read back from a topic, its CloudEvent parsed with a JSON library of its own. */
record Published(
    String key, int partition, long offset, String raw, JsonNode event, String contentType) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Published of(ConsumerRecord<String, byte[]> r) {
    String raw = new String(r.value(), StandardCharsets.UTF_8);
    Header h = r.headers().lastHeader("content-type");
    try {
      return new Published(
          r.key(),
          r.partition(),
          r.offset(),
          raw,
          JSON.readTree(raw),
          h == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + raw, e);
    }
  }

  static List<Published> readAll(String topic) {
    return KafkaBroker.readAll(topic).stream().map(Published::of).toList();
  }

  String id() {
    return event.get("id").asText();
  }

  String type() {
    return event.get("type").asText();
  }

  String subject() {
    return event.get("subject").asText();
  }

  long ticketVersion() {
    return event.get("ticketversion").asLong();
  }

  JsonNode data() {
    return event.get("data");
  }

  /**
   * Per ticket (record key), the events in the order a consumer meets them, repeats dropped by
   * CloudEvents id (the first kept).
   */
  static Map<String, List<Published>> byTicketWithoutRepeats(List<Published> records) {
    Map<String, List<Published>> out = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Published p : records) {
      if (seen.add(p.id())) {
        out.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
      }
    }
    return out;
  }
}
