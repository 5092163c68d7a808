package dev.ticketing.internal;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.MIKE;
import static dev.ticketing.support.Desk.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingOptions;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.RecordingNotifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Routing switches and the internal-note guarantee: an internal note is addressed to the assignee
 * only, and an assignee is staff, so nothing about an internal note reaches a customer, with no
 * directory call per note.
 */
class NotificationRouterTest {

  @Test
  @DisplayName(
      "internal notes: to the assignee only; unassigned -> nobody (no admin fallback); never the customer owner")
  void internalNotesNeverReachTheCustomer() {
    try (Desk desk = new Desk()) {
      TicketView t =
          desk.service.createTicket(JOHN, CreateTicket.of("Quota", "Storage full", "acme"));
      desk.deliver();

      desk.service.addComment(ADMIN, new AddComment(t.id(), "unassigned note", true));
      assertThat(desk.deliver()).as("no assignee, nobody to tell").isEmpty();

      // The owner can never become the assignee: assignees must be staff.
      assertThatThrownBy(() -> desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "john")))
          .isInstanceOf(ValidationException.class);

      desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
      desk.deliver();
      desk.service.addComment(ADMIN, new AddComment(t.id(), "note by someone else", true));
      desk.service.addComment(SARAH, new AddComment(t.id(), "note by the assignee", true));
      List<Notification> sent = desk.deliver();
      assertThat(sent)
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.template()).isEqualTo(NotificationTemplate.INTERNAL_NOTE_ADDED);
                assertThat(n.recipientId()).isEqualTo("sarah");
                assertThat(n.data()).containsEntry("commentContent", "note by someone else");
              });

      // Reassigned: the new assignee hears of later notes, the customer still of none.
      desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "mike"));
      desk.deliver();
      desk.service.addComment(ADMIN, new AddComment(t.id(), "handing over", true));
      assertThat(desk.deliver()).extracting(Notification::recipientId).containsExactly(MIKE.id());
      assertThat(desk.notifier.delivered()).noneMatch(n -> n.recipientId().equals(JOHN.id()));
    }
  }

  @Test
  @DisplayName(
      "a staff-owned ticket assigned to its owner: the owner hears of others' notes, being staff")
  void staffOwnerAsAssignee() {
    try (Desk desk = new Desk()) {
      TicketView t =
          desk.service.createTicket(ADMIN, CreateTicket.of("Internal task", "For acme", "acme"));
      desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "admin"));
      desk.deliver();
      desk.service.addComment(Desk.ROOT, new AddComment(t.id(), "root's note", true));
      assertThat(desk.deliver()).extracting(Notification::recipientId).containsExactly("admin");
    }
  }

  @Test
  @DisplayName("a switched-off template produces nothing, the others are untouched")
  void disabledTemplates() {
    TicketingOptions options =
        TicketingOptions.defaults().toBuilder()
            .disableNotification(NotificationTemplate.TICKET_CREATED)
            .disableNotification(NotificationTemplate.COMMENT_ADDED)
            .disableNotification(NotificationTemplate.TICKET_REOPENED)
            .build();
    try (Desk desk = new Desk(MatrixPolicy.standard(), options)) {
      TicketView t = desk.service.createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme"));
      assertThat(desk.deliver()).isEmpty();
      desk.service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
      desk.service.addComment(SARAH, new AddComment(t.id(), "public reply", false));
      desk.service.addComment(JOHN, new AddComment(t.id(), "customer reply", false));
      desk.service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
      desk.service.changeStatus(JOHN, new ChangeStatus(t.id(), Status.REOPENED));
      assertThat(desk.deliver())
          .extracting(Notification::template)
          .containsExactly(
              NotificationTemplate.TICKET_ASSIGNED, NotificationTemplate.TICKET_RESOLVED);
    }
  }

  @Test
  @DisplayName(
      "with ticket-created off, creating a ticket does not even ask the directory for the admins")
  void disabledTemplatesCostNoDirectoryCall() {
    AtomicInteger adminLookups = new AtomicInteger();
    Directory counting =
        new Directory() {
          @Override
          public Map<String, UserInfo> users(Collection<String> ids) {
            return Desk.DIRECTORY.users(ids);
          }

          @Override
          public Map<String, CompanyInfo> companies(Collection<String> ids) {
            return Desk.DIRECTORY.companies(ids);
          }

          @Override
          public List<String> adminIds() {
            adminLookups.incrementAndGet();
            return Desk.DIRECTORY.adminIds();
          }
        };
    RecordingNotifier notifier = RecordingNotifier.working();
    try (Ticketing t =
        Ticketing.builder()
            .directory(counting)
            .notifier(notifier)
            .backgroundDispatch(false)
            .options(
                TicketingOptions.defaults().toBuilder()
                    .disableNotification(NotificationTemplate.TICKET_CREATED)
                    .build())
            .build()) {
      t.service().createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme"));
      t.dispatcher().drain();
      assertThat(notifier.delivered()).isEmpty();
      assertThat(adminLookups).hasValue(0);
    }
  }

  @Test
  void unknownTemplateNamesAreRefused() {
    assertThatThrownBy(() -> NotificationTemplate.of("ticket-creatd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ticket-creatd");
    // Well-formed, but nothing the engine produces: switching it off would do nothing.
    assertThatThrownBy(
            () ->
                TicketingOptions.defaults().toBuilder()
                    .disableNotification(new NotificationTemplate("ticket-creatd"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ticket-creatd");
    assertThat(TicketingOptions.defaults().disabledNotifications()).isEmpty();
    assertThat(
            TicketingOptions.defaults().toBuilder()
                .disabledNotifications(List.of(NotificationTemplate.NOTE_ADDED))
                .build()
                .notifies(NotificationTemplate.NOTE_ADDED))
        .isFalse();
    assertThat(Role.AGENT.isStaff()).isTrue();
  }

  @Test
  @DisplayName(
      "resolution notices follow the resolving role: with ADMIN only, an agent's resolution tells nobody")
  void resolutionNoticesByRole() {
    TicketingOptions adminsOnly =
        TicketingOptions.defaults().toBuilder().resolutionNoticeRoles(List.of(Role.ADMIN)).build();
    try (Desk desk = new Desk(MatrixPolicy.standard(), adminsOnly)) {
      TicketView byAgent =
          desk.service.createTicket(JOHN, CreateTicket.of("Printer", "Jammed", "acme"));
      TicketView byAdmin =
          desk.service.createTicket(JOHN, CreateTicket.of("Scanner", "Jammed too", "acme"));
      desk.service.assignTicket(ADMIN, new AssignTicket(byAgent.id(), "sarah"));
      desk.deliver();

      desk.service.changeStatus(SARAH, new ChangeStatus(byAgent.id(), Status.RESOLVED));
      assertThat(desk.deliver()).as("an agent resolved it").isEmpty();

      desk.service.changeStatus(ADMIN, new ChangeStatus(byAdmin.id(), Status.RESOLVED));
      assertThat(desk.deliver())
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.template()).isEqualTo(NotificationTemplate.TICKET_RESOLVED);
                assertThat(n.recipientId()).isEqualTo("john");
              });
    }
    assertThat(TicketingOptions.defaults().resolutionNoticeRoles())
        .containsExactlyInAnyOrder(Role.values());
    assertThatThrownBy(
            () -> TicketingOptions.defaults().toBuilder().resolutionNoticeRoles(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
