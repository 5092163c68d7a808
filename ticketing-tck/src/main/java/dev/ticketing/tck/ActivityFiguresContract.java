package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Comment and attachment counts and last comment times, public and all. */
public abstract class ActivityFiguresContract extends StoreContractFixture {

  private final TicketRecord busy = ticket(acme, alice, T0.plusSeconds(1));
  private final TicketRecord onlyNotes = ticket(acme, bob, T0.plusSeconds(2));
  private final TicketRecord noteBeforeReply = ticket(globex, carol, T0.plusSeconds(3));
  private final TicketRecord quiet = ticket(initech, dave, T0.plusSeconds(4));

  @BeforeEach
  void insertFixture() {
    CommentRecord first = comment(busy.id(), alice, "first", false, T0.plusSeconds(10));
    CommentRecord second = comment(busy.id(), ann, "second", false, T0.plusSeconds(30));
    CommentRecord note = comment(busy.id(), ann, "note", true, T0.plusSeconds(50));
    CommentRecord lonelyNote = comment(onlyNotes.id(), ann, "note", true, T0.plusSeconds(20));
    CommentRecord earlyNote = comment(noteBeforeReply.id(), ann, "note", true, T0.plusSeconds(35));
    CommentRecord lateReply =
        comment(noteBeforeReply.id(), carol, "reply", false, T0.plusSeconds(40));
    tx(
        () -> {
          insertAll(busy, onlyNotes, noteBeforeReply, quiet);
          // Newest first, so that "last" must come from the times, not from the insertion order.
          for (CommentRecord c : List.of(note, second, first, lonelyNote, lateReply, earlyNote)) {
            store().insertComment(c);
          }
          store()
              .insertAttachment(
                  attachment(busy.id(), null, false, "on-ticket.pdf", T0.plusSeconds(11)));
          store()
              .insertAttachment(
                  attachment(busy.id(), first.id(), false, "on-reply.png", T0.plusSeconds(12)));
          store()
              .insertAttachment(
                  attachment(busy.id(), note.id(), true, "on-note.log", T0.plusSeconds(51)));
          store()
              .insertAttachment(
                  attachment(
                      onlyNotes.id(), lonelyNote.id(), true, "secret.log", T0.plusSeconds(21)));
        });
  }

  private Map<String, Activity> expected() {
    Map<String, Activity> m = new LinkedHashMap<>();
    m.put(busy.id(), new Activity(2, 3, 2, 3, T0.plusSeconds(30), T0.plusSeconds(50)));
    m.put(onlyNotes.id(), new Activity(0, 1, 0, 1, null, T0.plusSeconds(20)));
    m.put(noteBeforeReply.id(), new Activity(1, 2, 0, 0, T0.plusSeconds(40), T0.plusSeconds(40)));
    m.put(quiet.id(), Activity.NONE);
    return m;
  }

  @Test
  void listRowsCarryPublicAndAllFigures() {
    List<TicketRow> rows = store().list(everything());

    Map<String, Activity> actual =
        rows.stream()
            .collect(Collectors.toMap(r -> r.ticket().id(), r -> normalized(r.activity())));
    assertThat(actual).isEqualTo(expected());
  }

  @Test
  void activityByIdAgreesWithTheFigures() {
    Map<String, Activity> expected = expected();
    Map<String, Activity> actual = store().activity(expected.keySet());

    for (Map.Entry<String, Activity> e : expected.entrySet()) {
      assertThat(normalized(actual.getOrDefault(e.getKey(), Activity.NONE)))
          .as("activity of %s", e.getKey())
          .isEqualTo(e.getValue());
    }
    assertThat(actual.keySet()).isSubsetOf(expected.keySet());
  }

  @Test
  void activityOfASubsetOnlyConcernsThoseTickets() {
    Map<String, Activity> actual = store().activity(List.of(onlyNotes.id()));

    assertThat(actual).containsOnlyKeys(onlyNotes.id());
    assertThat(normalized(present(actual, onlyNotes.id())))
        .isEqualTo(expected().get(onlyNotes.id()));
    assertThat(store().activity(List.of())).isEmpty();
  }

  @Test
  void ticketWithoutCommentsOrAttachmentsHasZerosAndNulls() {
    TicketRow row =
        store().list(query(VisibilityScope.company(initech), TicketFilter.none())).get(0);

    assertThat(row.ticket().id()).isEqualTo(quiet.id());
    assertThat(row.activity()).isEqualTo(Activity.NONE);
    assertThat(store().activity(List.of(quiet.id())).getOrDefault(quiet.id(), Activity.NONE))
        .isEqualTo(Activity.NONE);
  }

  @Test
  void newCommentsMoveTheFigures() {
    tx(
        () -> {
          store().insertComment(comment(quiet.id(), dave, "hello?", false, T0.plusSeconds(60)));
          store()
              .insertComment(comment(quiet.id(), ann, "customer waits", true, T0.plusSeconds(61)));
        });

    assertThat(normalized(present(store().activity(List.of(quiet.id())), quiet.id())))
        .isEqualTo(new Activity(1, 2, 0, 0, T0.plusSeconds(60), T0.plusSeconds(61)));
  }
}
