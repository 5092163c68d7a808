package dev.ticketing.assignment;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What automatic assignment knows of one staff member: the skills they cover, how many open
 * tickets they may hold at once, and whether they take new ones now.
 *
 * <p>Skills are short lower-case words; a ticket asks for {@code category:<category>} (its category
 * in lower case, e.g. {@code category:billing}), {@code tag:<tag>} for each of its tags, and what
 * the caller of an automatic assignment adds (e.g. a language, {@code lang:de}). Skills are
 * normalised here: trimmed, lower case, each once, sorted.
 *
 * @param agentId the staff member's id in the host's directory
 * @param skills what the agent covers; at most {@link #MAX_SKILLS}, each 1 to {@link
 *     #MAX_SKILL_LENGTH} characters of letters, digits and {@code : . _ -}
 * @param capacity the most open tickets the agent holds at once, 1 to {@link #MAX_CAPACITY}
 * @param availability whether the agent takes new tickets now
 * @since 0.2.0
 */
public record AgentProfile(
    String agentId, Set<String> skills, int capacity, Availability availability) {

  /** Most open tickets one agent may be given at once. */
  public static final int MAX_CAPACITY = 10_000;

  /** Most skills one agent may list. */
  public static final int MAX_SKILLS = 100;

  /** Longest skill, in characters. */
  public static final int MAX_SKILL_LENGTH = 64;

  /** The capacity an agent gets when none is given. */
  public static final int DEFAULT_CAPACITY = 20;

  private static final Pattern SKILL =
      Pattern.compile("[a-z0-9:._\\-]{1," + MAX_SKILL_LENGTH + "}");

  public AgentProfile {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(availability, "availability");
    skills = normalise(skills);
  }

  /** An available agent with these skills and capacity. */
  public static AgentProfile of(String agentId, int capacity, String... skills) {
    return new AgentProfile(agentId, Set.of(skills), capacity, Availability.AVAILABLE);
  }

  /** The same agent with another availability. */
  public AgentProfile withAvailability(Availability v) {
    return new AgentProfile(agentId, skills, capacity, v);
  }

  /** A skill as it is kept: trimmed, lower case. */
  public static String normalise(String skill) {
    return skill.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether a skill, once normalised, is well-formed. */
  public static boolean wellFormed(String normalisedSkill) {
    return SKILL.matcher(normalisedSkill).matches();
  }

  private static Set<String> normalise(Collection<String> skills) {
    TreeSet<String> out = new TreeSet<>();
    for (String s : Objects.requireNonNull(skills, "skills")) {
      out.add(normalise(s));
    }
    return java.util.Collections.unmodifiableSet(out);
  }
}
