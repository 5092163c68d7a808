package dev.ticketing.automation;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a rule does when it fires. Each action goes through the same checks as a person's call (the
 * permission policy for the rule's actor, the state machine, tag rules), in the unit of work of the
 * change that fired it; an action the checks refuse is skipped and logged, the others still run.
 *
 * <p>Texts are templates: {@code {{ticket.id}}}, {@code {{ticket.title}}}, {@code
 * {{ticket.status}}}, {@code {{ticket.priority}}}, {@code {{ticket.category}}} and {@code
 * {{rule.name}}} are replaced by their values; anything else stays as written.
 *
 * @since 0.2
 */
public sealed interface RuleAction {

  /** Sets the priority. */
  record SetPriority(Priority priority) implements RuleAction {
    public SetPriority {
      Objects.requireNonNull(priority, "priority");
    }
  }

  /** Sets the category (an active subject of the catalog). */
  record SetCategory(Category category) implements RuleAction {
    public SetCategory {
      Objects.requireNonNull(category, "category");
    }
  }

  /** Moves the status, through the state machine: a move it does not allow is skipped. */
  record SetStatus(Status status) implements RuleAction {
    public SetStatus {
      Objects.requireNonNull(status, "status");
    }
  }

  /** Assigns the ticket to a named agent (a staff member the directory knows). */
  record AssignTo(String agentId) implements RuleAction {
    public AssignTo {
      Objects.requireNonNull(agentId, "agentId");
    }
  }

  /**
   * Assigns the ticket through the named assignment strategy ({@link AssigneeChooser}; with
   * automatic assignment on, the built-in {@code round-robin}, {@code least-loaded} and {@code
   * skills} or a strategy the installation added), among the available agents with room who hold
   * every one of {@code skills}; skipped and logged when there is no chooser or it names nobody. An
   * assigned ticket is left as it is.
   *
   * @param skills skills the chosen agent must hold (e.g. {@code category:billing}); empty: any
   */
  record AssignByStrategy(String strategy, List<String> skills) implements RuleAction {
    public AssignByStrategy {
      Objects.requireNonNull(strategy, "strategy");
      skills = List.copyOf(skills);
    }

    /** By {@code strategy} among all agents. */
    public AssignByStrategy(String strategy) {
      this(strategy, List.of());
    }
  }

  /**
   * Sets the ticket's custom field {@code key} to {@code value}, given as text a host would send (a
   * multiple choice field: its choices separated by commas), checked against the field's definition
   * when the rule is saved and again when it runs.
   *
   * @since 0.2
   */
  record SetFieldValue(String key, String value) implements RuleAction {
    public SetFieldValue {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Applies a macro, named by id or by name, as the rule's actor: its reply or note, status,
   * priority, tags and assignee, audited as an applied macro, in the unit of work of the change.
   *
   * @since 0.2
   */
  record ApplyMacro(String macro) implements RuleAction {
    public ApplyMacro {
      Objects.requireNonNull(macro, "macro");
    }
  }

  /** Adds tags. */
  record AddTags(List<String> tags) implements RuleAction {
    public AddTags {
      tags = List.copyOf(tags);
    }
  }

  /** Removes tags. */
  record RemoveTags(List<String> tags) implements RuleAction {
    public RemoveTags {
      tags = List.copyOf(tags);
    }
  }

  /** Adds an internal note, staff only, from a template. */
  record AddNote(String template) implements RuleAction {
    public AddNote {
      Objects.requireNonNull(template, "template");
    }
  }

  /** Adds a public reply, which the customer sees, from a template. */
  record AddReply(String template) implements RuleAction {
    public AddReply {
      Objects.requireNonNull(template, "template");
    }
  }

  /**
   * Tells someone through the outbox, as notification {@code automation-notice} with the rendered
   * message in its data ({@code message}, {@code ruleId}, {@code ruleName}).
   *
   * <p>An {@link Audience#ADDRESS} is a plain e-mail address, not a user of the directory: the
   * host's notifier receives it as recipient {@code mailto:<address>}. An address is treated like a
   * customer: it is never sent internal-note content.
   *
   * @param to who is told
   * @param userId the user, for {@link Audience#USER}; null otherwise
   * @param address the e-mail address, for {@link Audience#ADDRESS} (since 0.2); null otherwise
   */
  record Notify(Audience to, @Nullable String userId, String message, @Nullable String address)
      implements RuleAction {
    public Notify {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(message, "message");
    }

    /** A notification to a user, a role or the ticket's people (no address). */
    public Notify(Audience to, @Nullable String userId, String message) {
      this(to, userId, message, null);
    }

    /**
     * A notification to a plain e-mail address.
     *
     * @since 0.2
     */
    public static Notify address(String address, String message) {
      return new Notify(Audience.ADDRESS, null, message, address);
    }

    /** Who a notification goes to. */
    public enum Audience {
      /** One user, by id. */
      USER,
      /** Every admin (a role). */
      ADMINS,
      /** The ticket's assignee, when it has one. */
      ASSIGNEE,
      /** The ticket's requester. */
      REQUESTER,
      /**
       * A plain e-mail address, not a user: told what a customer may be told.
       *
       * @since 0.2
       */
      ADDRESS
    }
  }

  /**
   * Posts the ticket's id, status and priority and the rule's id as JSON to {@code url}, signed
   * like the webhook channel ({@link dev.ticketing.notification.WebhookSignature}) with the secret
   * the automation settings hold under {@code secretName}. Sent once, after the change commits.
   */
  record CallWebhook(URI url, String secretName) implements RuleAction {
    public CallWebhook {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(secretName, "secretName");
    }
  }
}
