package dev.ticketing.adversarial;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.RequestUpload;
import dev.ticketing.TicketService;
import dev.ticketing.UploadUrl;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.TicketRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two tenants' worth of objects on a desk, each ticket with everything an id can point at: a public
 * reply, an internal note, a file on the ticket, a file on the internal note, and an upload that was
 * PUT to S3 but not confirmed yet (its key is what a confirmation would name).
 */
final class Fixture {

  /** Everything of one ticket that a call can name. */
  record Target(
      String name,
      String ticketId,
      String publicCommentId,
      String internalNoteId,
      String attachmentId,
      String noteAttachmentId,
      String pendingKey,
      String companyId) {}

  final Map<String, Target> targets = new LinkedHashMap<>();

  /** Ids and texts that only staff may ever read. */
  final List<String> internalSecrets = new ArrayList<>();

  /** John's (Acme) ticket worked by Sarah, Alice's (Acme) unassigned, Jane's (Globex) worked by Mike, an admin's for Globex, and a soft-deleted one of John's. */
  static Fixture populate(Desk desk) {
    Fixture f = new Fixture();
    f.add(desk, "john's", Desk.JOHN, "acme", "sarah");
    f.add(desk, "alice's", Desk.ALICE, "acme", null);
    f.add(desk, "jane's", Desk.JANE, "globex", "mike");
    f.add(desk, "admin's for globex", Desk.ADMIN, "globex", null);
    Target deleted = f.add(desk, "deleted", Desk.JOHN, "acme", "sarah");
    desk.service.deleteTicket(Desk.ADMIN, deleted.ticketId());
    desk.deliver();
    desk.blobs.takeIssued();
    desk.blobs.takeTouched();
    return f;
  }

  private Target add(Desk desk, String name, Actor owner, String company, String assignee) {
    TicketService s = desk.service;
    String marker = "INTERNAL-" + name.replaceAll("[^a-z]", "").toUpperCase();
    String ticketId =
        s.createTicket(owner, CreateTicket.of("Ticket " + name, "Description of " + name, company))
            .id();
    if (assignee != null) {
      s.assignTicket(Desk.ADMIN, new AssignTicket(ticketId, assignee));
    }
    CommentView reply =
        s.addComment(Desk.ADMIN, new AddComment(ticketId, "Public reply on " + name, false));
    CommentView note =
        s.addComment(Desk.ADMIN, new AddComment(ticketId, "Note " + marker + " staff only", true));
    AttachmentView file = attach(desk, ticketId, null, "screenshot.png");
    AttachmentView noteFile = attach(desk, ticketId, note.id(), marker + "-evidence.txt");
    UploadUrl pending =
        desk.service.requestUpload(
            Desk.ADMIN, new RequestUpload(ticketId, "pending.txt", "text/plain", 7));
    S3.upload(pending, "pending".getBytes(StandardCharsets.UTF_8));
    internalSecrets.addAll(
        List.of(marker, note.id(), noteFile.id(), noteFile.fileName(), noteFile.fileUrl()));
    Target t =
        new Target(
            name,
            ticketId,
            reply.id(),
            note.id(),
            file.id(),
            noteFile.id(),
            pending.key(),
            company);
    targets.put(name, t);
    return t;
  }

  private static AttachmentView attach(
      Desk desk, String ticketId, String commentId, String fileName) {
    byte[] body = ("contents of " + fileName).getBytes(StandardCharsets.UTF_8);
    UploadUrl url =
        desk.service.requestUpload(
            Desk.ADMIN, new RequestUpload(ticketId, fileName, "text/plain", body.length));
    S3.upload(url, body);
    return desk.service.confirmAttachment(
        Desk.ADMIN, new ConfirmAttachment(ticketId, url.key(), commentId));
  }

  Target target(String name) {
    return targets.get(name);
  }

  List<Target> all() {
    return List.copyOf(targets.values());
  }

  TicketRecord record(Desk desk, Target t) {
    return desk.store.findTicket(t.ticketId()).orElseThrow();
  }
}
