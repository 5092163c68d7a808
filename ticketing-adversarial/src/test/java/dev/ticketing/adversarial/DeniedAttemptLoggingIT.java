package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ExternalNote;
import dev.ticketing.RequestUpload;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketService;
import dev.ticketing.TicketingException;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.adversarial.Fixture.Target;
import dev.ticketing.policy.Actor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Denied attempts are logged once each, as one structured line — actor, role, operation, target —
 * and never with content: refusals answered as access denied, refusals answered as not found (a
 * ticket of another tenant, an internal note), refusals inside a bulk call. Misses (an id that does
 * not exist), validation errors and permitted calls log nothing. The suite's SLF4J output goes to a
 * file (surefire sets {@code org.slf4j.simpleLogger.logFile}), which the test reads back.
 */
class DeniedAttemptLoggingIT {

  private static final Pattern LINE =
      Pattern.compile(
          "INFO dev\\.ticketing\\.internal\\.DefaultTicketService - ticketing access denied: actor=(\\S+) role=(\\S+)"
              + " operation=(\\S+) target=(.+)$");

  private record Expected(String operation, String targetContains) {}

  @ParameterizedTest
  @EnumSource(Db.class)
  void everyRefusalIsOneStructuredLineWithoutContent(Db db) throws Exception {
    Path log =
        Path.of(
            System.getProperty(
                "org.slf4j.simpleLogger.logFile",
                "(run through Maven: surefire points SLF4J at a file)"));
    try (Desk desk = new Desk(db)) {
      Fixture f = Fixture.populate(desk);
      TicketService s = desk.service;
      String run = UUID.randomUUID().toString().substring(0, 8);
      Actor mallory = Actor.customer("mallory-" + run, "globex");
      Actor agent = Actor.agent("agent-" + run);
      Actor admin = Actor.admin("admin-" + run);
      Target acme = f.target("john's");
      Target deleted = f.target("deleted");
      String secret = "SECRET-BODY-" + run;
      List<Expected> expected = new ArrayList<>();
      List<String> refusals = new ArrayList<>();

      String own =
          s.createTicket(mallory, CreateTicket.of("Mallory's own", "Nothing to see", "globex"))
              .id();
      UploadUrl upload = s.requestUpload(mallory, new RequestUpload(own, "x.txt", "text/plain", 1));
      S3.upload(upload, new byte[] {'x'});

      // Answered not found: another tenant's ticket, whatever the operation.
      refuse(refusals, () -> s.ticket(mallory, acme.ticketId()));
      expected.add(new Expected("VIEW_TICKET", acme.ticketId()));
      refuse(refusals, () -> s.addComment(mallory, new AddComment(acme.ticketId(), secret, true)));
      expected.add(new Expected("ADD_INTERNAL_NOTE", acme.ticketId()));
      refuse(
          refusals,
          () ->
              s.updateTicket(
                  mallory, new UpdateTicket(acme.ticketId(), secret, secret, null, null)));
      expected.add(new Expected("UPDATE_TICKET", acme.ticketId()));
      refuse(refusals, () -> s.history(mallory, acme.ticketId()));
      expected.add(new Expected("VIEW_HISTORY", acme.ticketId()));
      // Answered access denied: her own ticket, operations customers do not have.
      refuse(refusals, () -> s.addComment(mallory, new AddComment(own, secret, true)));
      expected.add(new Expected("ADD_INTERNAL_NOTE", own));
      refuse(
          refusals,
          () ->
              s.recordExternalNote(
                  mallory, new ExternalNote("ext-" + run, own, secret, null, true)));
      expected.add(new Expected("ADD_INTERNAL_NOTE", own));
      refuse(refusals, () -> s.changeStatus(mallory, new ChangeStatus(own, Status.RESOLVED)));
      expected.add(new Expected("CHANGE_STATUS", own));
      refuse(refusals, () -> s.history(mallory, own));
      expected.add(new Expected("VIEW_HISTORY", own));
      refuse(refusals, () -> s.tickets(mallory, TicketFilter.builder().searchTerm(secret).build()));
      expected.add(new Expected("LIST_ALL_TICKETS", "admin listing"));
      refuse(refusals, () -> s.createTicket(mallory, CreateTicket.of(secret, secret, "acme")));
      expected.add(new Expected("CREATE_TICKET", "company acme"));
      // An internal note of a ticket she may see does not exist for her.
      String note =
          s.addComment(Desk.ADMIN, new AddComment(own, secret + " staff only", true)).id();
      refuse(
          refusals,
          () -> s.confirmAttachment(mallory, new ConfirmAttachment(own, upload.key(), note)));
      expected.add(new Expected("VIEW_INTERNAL_NOTES", note));
      // A bulk call: one line per ticket refused, none for a ticket that does not exist.
      Map<String, ResolveOutcome> outcomes =
          s.resolveTickets(mallory, List.of(own, acme.ticketId(), "no-such-ticket"));
      assertThat(outcomes.values())
          .containsExactly(
              ResolveOutcome.NOT_ALLOWED, ResolveOutcome.NOT_FOUND, ResolveOutcome.NOT_FOUND);
      expected.add(new Expected("CHANGE_STATUS", own));
      expected.add(new Expected("CHANGE_STATUS", acme.ticketId()));
      // Staff: an agent on a ticket not assigned to them; an admin restoring and purging (super
      // admins only).
      refuse(refusals, () -> s.ticket(agent, acme.ticketId()));
      expected.add(new Expected("VIEW_TICKET", acme.ticketId()));
      refuse(refusals, () -> s.restoreTicket(admin, deleted.ticketId()));
      expected.add(new Expected("RESTORE_TICKET", deleted.ticketId()));
      refuse(
          refusals,
          () -> {
            s.purgeTicket(admin, acme.ticketId());
            return null;
          });
      expected.add(new Expected("PURGE_TICKET", acme.ticketId()));
      // Not refusals: a miss, a validation error, permitted calls.
      refuse(refusals, () -> s.ticket(mallory, "no-such-ticket"));
      refuse(refusals, () -> s.addComment(mallory, new AddComment(own, "\u0000" + secret, false)));
      s.addComment(mallory, new AddComment(own, secret, false));
      s.ticket(mallory, own);

      // SLF4J opens the file when the first logger of this JVM is made, which may be in this test.
      assertThat(log).as("the suite's log file").exists();
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.contains("-" + run + " ")) {
          lines.add(line);
        }
      }
      assertThat(lines)
          .as("one line per refusal, in order (refusals: %s)", refusals)
          .hasSize(expected.size());
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = LINE.matcher(lines.get(i));
        assertThat(m.find()).as("structured: %s", lines.get(i)).isTrue();
        Actor who =
            m.group(1).startsWith("mallory")
                ? mallory
                : m.group(1).startsWith("agent") ? agent : admin;
        assertThat(m.group(1)).isEqualTo(who.id());
        assertThat(m.group(2)).isEqualTo(who.role().name());
        assertThat(m.group(3)).as(lines.get(i)).isEqualTo(expected.get(i).operation());
        assertThat(m.group(4)).as(lines.get(i)).contains(expected.get(i).targetContains());
      }
      String all = String.join("\n", Files.readAllLines(log, StandardCharsets.UTF_8));
      assertThat(all).as("no content in the log, ever").doesNotContain(secret);
      for (String internal : f.internalSecrets) {
        if (!internal.startsWith("http")) {
          assertThat(all).doesNotContain("Note " + internal);
        }
      }
    }
  }

  private static void refuse(List<String> refusals, Callable<?> call) {
    try {
      call.call();
      throw new AssertionError("not refused");
    } catch (TicketingException e) {
      refusals.add(e.code().name());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
