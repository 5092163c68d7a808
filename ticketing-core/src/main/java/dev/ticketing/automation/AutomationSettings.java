package dev.ticketing.automation;

import dev.ticketing.sla.BusinessCalendar;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the automation engine runs.
 *
 * @param maxChainDepth how many rule-made changes may follow one another from one change (a rule
 *     firing on a change a rule made is one step deeper); 1 to 20, default {@value
 *     #DEFAULT_MAX_CHAIN_DEPTH}. A rule that would fire deeper is disabled, with the reason stored
 *     on it and logged.
 * @param maxRules rules stored at most, 1 to 10,000; default {@value #DEFAULT_MAX_RULES}
 * @param maxActions actions and conditions per rule at most, 1 to 100; default {@value
 *     #DEFAULT_MAX_ACTIONS}
 * @param ruleCacheTtl how long a service reuses the rules it read; edits through this service take
 *     effect at once, edits through another instance within this time; default 10 seconds
 * @param schedulerInterval between rounds of the time-rule scheduler; default 1 minute
 * @param batchSize tickets one unit of work of the scheduler claims, 1 to 1,000; default 100
 * @param dryRunLimit tickets a dry run examines at most, newest first, 1 to 10,000; default 500
 * @param calendars business calendars {@link Condition.Elapsed} may name, by id
 * @param webhookSecrets the secrets {@link RuleAction.CallWebhook} names, by name (kept out of the
 *     stored rules)
 * @param chooser how {@link RuleAction.AssignByStrategy} chooses; none by default
 * @since 0.2
 */
public record AutomationSettings(
    int maxChainDepth,
    int maxRules,
    int maxActions,
    Duration ruleCacheTtl,
    Duration schedulerInterval,
    int batchSize,
    int dryRunLimit,
    Map<String, BusinessCalendar> calendars,
    Map<String, String> webhookSecrets,
    AssigneeChooser chooser) {

  public static final int DEFAULT_MAX_CHAIN_DEPTH = 5;
  public static final int DEFAULT_MAX_RULES = 500;
  public static final int DEFAULT_MAX_ACTIONS = 20;

  public AutomationSettings {
    range("maxChainDepth", maxChainDepth, 1, 20);
    range("maxRules", maxRules, 1, 10_000);
    range("maxActions", maxActions, 1, 100);
    range("batchSize", batchSize, 1, 1000);
    range("dryRunLimit", dryRunLimit, 1, 10_000);
    Objects.requireNonNull(ruleCacheTtl, "ruleCacheTtl");
    if (ruleCacheTtl.isNegative()) {
      throw new IllegalArgumentException("ruleCacheTtl must not be negative");
    }
    if (schedulerInterval.isNegative() || schedulerInterval.isZero()) {
      throw new IllegalArgumentException("schedulerInterval must be positive");
    }
    calendars = Map.copyOf(calendars);
    webhookSecrets = Map.copyOf(webhookSecrets);
    Objects.requireNonNull(chooser, "chooser");
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + " to " + max);
    }
  }

  public static AutomationSettings defaults() {
    return new AutomationSettings(
        DEFAULT_MAX_CHAIN_DEPTH,
        DEFAULT_MAX_RULES,
        DEFAULT_MAX_ACTIONS,
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        100,
        500,
        Map.of(),
        Map.of(),
        AssigneeChooser.NONE);
  }

  public AutomationSettings withMaxChainDepth(int v) {
    return new AutomationSettings(
        v,
        maxRules,
        maxActions,
        ruleCacheTtl,
        schedulerInterval,
        batchSize,
        dryRunLimit,
        calendars,
        webhookSecrets,
        chooser);
  }

  public AutomationSettings withCalendars(Map<String, BusinessCalendar> v) {
    return new AutomationSettings(
        maxChainDepth,
        maxRules,
        maxActions,
        ruleCacheTtl,
        schedulerInterval,
        batchSize,
        dryRunLimit,
        v,
        webhookSecrets,
        chooser);
  }

  public AutomationSettings withWebhookSecrets(Map<String, String> v) {
    return new AutomationSettings(
        maxChainDepth,
        maxRules,
        maxActions,
        ruleCacheTtl,
        schedulerInterval,
        batchSize,
        dryRunLimit,
        calendars,
        v,
        chooser);
  }

  public AutomationSettings withChooser(AssigneeChooser v) {
    return new AutomationSettings(
        maxChainDepth,
        maxRules,
        maxActions,
        ruleCacheTtl,
        schedulerInterval,
        batchSize,
        dryRunLimit,
        calendars,
        webhookSecrets,
        v);
  }

  public AutomationSettings withSchedule(Duration interval, int batch) {
    return new AutomationSettings(
        maxChainDepth,
        maxRules,
        maxActions,
        ruleCacheTtl,
        interval,
        batch,
        dryRunLimit,
        calendars,
        webhookSecrets,
        chooser);
  }
}
