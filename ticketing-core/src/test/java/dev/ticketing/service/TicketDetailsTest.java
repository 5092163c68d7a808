package dev.ticketing.service;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JANE;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.SARAH;
import static dev.ticketing.support.Refusals.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.RequestUpload;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.CountingDirectory;
import dev.ticketing.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The details of many tickets in one call, for the items of a list. */
class TicketDetailsTest {

  private final MutableClock clock = MutableClock.ticking("2025-10-07T10:30:00Z");
  private final CountingDirectory directory = new CountingDirectory(Desk.DIRECTORY);
  private final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
  private final Ticketing ticketing =
      Ticketing.builder()
          .store(new InMemoryTicketStore())
          .blobStore(blobs)
          .directory(directory)
          .policy(MatrixPolicy.standard())
          .options(TicketingOptions.defaults().toBuilder().listLimit(20).build())
          .clock(clock)
          .backgroundDispatch(false)
          .build();
  private final TicketService service = ticketing.service();

  @AfterEach
  void close() {
    ticketing.close();
  }

  private String ticket(Actor customer, String company, int n) {
    String id =
        service.createTicket(customer, CreateTicket.of("Ticket " + n, "Please help", company)).id();
    service.assignTicket(ADMIN, new AssignTicket(id, "sarah"));
    service.addComment(customer, new AddComment(id, "Still broken " + n, false));
    service.addComment(SARAH, new AddComment(id, "Internal " + n, true));
    byte[] bytes = ("file " + n).getBytes(StandardCharsets.UTF_8);
    UploadUrl upload =
        service.requestUpload(
            customer, new RequestUpload(id, "f" + n + ".txt", "text/plain", bytes.length));
    blobs.upload(upload.uploadUrl(), "text/plain", bytes);
    service.confirmAttachment(customer, new ConfirmAttachment(id, upload.key(), null));
    clock.advance(java.time.Duration.ofSeconds(1));
    return id;
  }

  @Test
  @DisplayName(
      "each ticket's details equal the single-ticket read, with one directory call each for users and companies")
  void sameAsTheSingleReadWithBatchedDirectoryCalls() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(i % 2 == 0 ? ticket(JOHN, "acme", i) : ticket(JANE, "globex", i));
    }
    for (Actor actor : List.of(ADMIN, SARAH, JOHN)) {
      directory.reset();
      Map<String, TicketDetails> details = service.ticketDetails(actor, ids);
      assertThat(directory.userCalls()).as("user look-ups for %s", actor.id()).isEqualTo(1);
      assertThat(directory.companyCalls()).as("company look-ups for %s", actor.id()).isEqualTo(1);
      for (Map.Entry<String, TicketDetails> e : details.entrySet()) {
        TicketDetails single = service.ticket(actor, e.getKey());
        // Download URLs are made per read; everything else must agree.
        assertThat(withoutUrls(e.getValue())).isEqualTo(withoutUrls(single));
      }
    }
    // What each caller may see, in the order asked.
    assertThat(service.ticketDetails(ADMIN, ids).keySet()).containsExactlyElementsOf(ids);
    assertThat(service.ticketDetails(JOHN, ids).keySet())
        .containsExactly(ids.get(0), ids.get(2), ids.get(4));
    assertThat(service.ticketDetails(JOHN, ids).values())
        .allSatisfy(
            d -> assertThat(d.comments()).extracting(CommentView::internal).containsOnly(false));
    assertThat(service.ticketDetails(SARAH, ids).values())
        .allSatisfy(
            d ->
                assertThat(d.comments())
                    .extracting(CommentView::internal)
                    .containsExactly(false, true));
  }

  @Test
  @DisplayName(
      "missing, deleted and hidden tickets are left out; repeats are read once; an empty list reads nothing")
  void leavesOutWhatTheActorMayNotSee() {
    String johns = ticket(JOHN, "acme", 1);
    String janes = ticket(JANE, "globex", 2);
    String deleted = ticket(JOHN, "acme", 3);
    service.deleteTicket(ADMIN, deleted);
    assertThat(
            service
                .ticketDetails(JOHN, List.of(johns, janes, deleted, "no-such-ticket", johns))
                .keySet())
        .containsExactly(johns);
    directory.reset();
    assertThat(service.ticketDetails(JOHN, List.of())).isEmpty();
    assertThat(directory.userCalls()).isZero();
  }

  @Test
  @DisplayName("malformed ids and more ids than the list limit are validation errors naming them")
  void validation() {
    invalid(() -> service.ticketDetails(ADMIN, null), "ticketIds");
    invalid(
        () -> service.ticketDetails(ADMIN, Arrays.asList("ok", null, "bad id!")),
        "ticketIds[1]",
        "ticketIds[2]");
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      tooMany.add("t" + i);
    }
    invalid(() -> service.ticketDetails(ADMIN, tooMany), "ticketIds");
    assertThat(service.ticketDetails(ADMIN, Collections.nCopies(50, "same"))).isEmpty();
  }

  private static TicketDetails withoutUrls(TicketDetails d) {
    return new TicketDetails(
        d.ticket(),
        d.comments().stream()
            .map(
                c ->
                    new CommentView(
                        c.id(),
                        c.content(),
                        c.internal(),
                        c.ticketId(),
                        c.user(),
                        c.attachments().stream().map(TicketDetailsTest::withoutUrl).toList(),
                        c.createdAt(),
                        c.updatedAt()))
            .toList(),
        d.attachments().stream().map(TicketDetailsTest::withoutUrl).toList());
  }

  private static dev.ticketing.AttachmentView withoutUrl(dev.ticketing.AttachmentView a) {
    return new dev.ticketing.AttachmentView(
        a.id(),
        a.ticketId(),
        a.commentId(),
        a.fileName(),
        a.fileSize(),
        a.contentType(),
        "",
        a.uploadedBy(),
        a.createdAt());
  }
}
