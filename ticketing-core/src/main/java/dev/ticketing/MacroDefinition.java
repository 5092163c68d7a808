package dev.ticketing;

import dev.ticketing.policy.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an admin defines or redefines a macro as; see {@link Macro} for the meaning of each part.
 * Checked by {@link MacroService#define} and {@link MacroService#update}: every violation names the
 * field as here ({@code name}, {@code body}, {@code addTags[0]}, {@code roles[1]}, ...).
 *
 * @since 0.2.0
 */
public record MacroDefinition(
    @Nullable String name,
    @Nullable String description,
    @Nullable String body,
    boolean internal,
    @Nullable Status status,
    @Nullable Priority priority,
    List<String> addTags,
    List<String> removeTags,
    @Nullable String assigneeId,
    boolean assignToApplier,
    Set<Role> roles) {

  public MacroDefinition {
    addTags = List.copyOf(Objects.requireNonNull(addTags, "addTags"));
    removeTags = List.copyOf(Objects.requireNonNull(removeTags, "removeTags"));
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
  }

  /** A builder for a macro of this name, applied by agents and admins. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** A builder holding this definition, to change some parts. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.description = description;
    b.body = body;
    b.internal = internal;
    b.status = status;
    b.priority = priority;
    b.addTags = new ArrayList<>(addTags);
    b.removeTags = new ArrayList<>(removeTags);
    b.assigneeId = assigneeId;
    b.assignToApplier = assignToApplier;
    b.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    return b;
  }

  /** Mutable builder of a {@link MacroDefinition}. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable String description;
    private @Nullable String body;
    private boolean internal;
    private @Nullable Status status;
    private @Nullable Priority priority;
    private List<String> addTags = new ArrayList<>();
    private List<String> removeTags = new ArrayList<>();
    private @Nullable String assigneeId;
    private boolean assignToApplier;
    private Set<Role> roles = EnumSet.of(Role.AGENT, Role.ADMIN, Role.SUPER_ADMIN);

    private Builder(@Nullable String name) {
      this.name = name;
    }

    public Builder name(@Nullable String v) {
      name = v;
      return this;
    }

    public Builder description(@Nullable String v) {
      description = v;
      return this;
    }

    /** A public reply of this text. */
    public Builder reply(@Nullable String text) {
      body = text;
      internal = false;
      return this;
    }

    /** An internal note of this text. */
    public Builder internalNote(@Nullable String text) {
      body = text;
      internal = true;
      return this;
    }

    public Builder status(@Nullable Status v) {
      status = v;
      return this;
    }

    public Builder priority(@Nullable Priority v) {
      priority = v;
      return this;
    }

    public Builder addTags(List<String> v) {
      addTags = new ArrayList<>(v);
      return this;
    }

    public Builder removeTags(List<String> v) {
      removeTags = new ArrayList<>(v);
      return this;
    }

    public Builder assigneeId(@Nullable String v) {
      assigneeId = v;
      return this;
    }

    public Builder assignToApplier(boolean v) {
      assignToApplier = v;
      return this;
    }

    /** The roles that may apply it (default: agents, admins and super admins). */
    public Builder roles(Set<Role> v) {
      roles = Set.copyOf(v);
      return this;
    }

    public MacroDefinition build() {
      return new MacroDefinition(
          name,
          description,
          body,
          internal,
          status,
          priority,
          addTags,
          removeTags,
          assigneeId,
          assignToApplier,
          roles);
    }
  }
}
