package com.example.host;

import dev.ticketing.AddComment;
import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.spring.security.ActorResolver;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Step 3 of the README: the service with the current actor. No error handling of its own. */
@RestController
@RequestMapping("/api/tickets")
class TicketsController {
  private final TicketService tickets;
  private final ActorResolver actors;

  TicketsController(TicketService tickets, ActorResolver actors) {
    this.tickets = tickets;
    this.actors = actors;
  }

  record NewTicket(String title, String description) {}

  record NewComment(String content, boolean internal) {}

  @PostMapping
  TicketView create(@RequestBody NewTicket in) {
    return tickets.createTicket(
        actors.currentActor(), new CreateTicket(in.title(), in.description(), null, null, null));
  }

  @GetMapping("/mine")
  List<TicketView> mine() {
    return tickets.myTickets(actors.currentActor());
  }

  @GetMapping("/{id}")
  TicketDetails one(@PathVariable String id) {
    return tickets.ticket(actors.currentActor(), id);
  }

  @PostMapping("/{id}/comments")
  CommentView comment(@PathVariable String id, @RequestBody NewComment in) {
    return tickets.addComment(
        actors.currentActor(), new AddComment(id, in.content(), in.internal()));
  }
}
