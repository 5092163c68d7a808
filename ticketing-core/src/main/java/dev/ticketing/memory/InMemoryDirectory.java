package dev.ticketing.memory;

import dev.ticketing.policy.Role;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A fixed {@link Directory} of users and companies, for tests, examples and hosts whose user base
 * is small and known at start-up. Immutable; build one with {@link #builder()}.
 *
 * <p>{@link #adminIds()} are the users registered with {@link Builder#admin}; when none were, every
 * registered user whose role is {@link Role#ADMIN} or {@link Role#SUPER_ADMIN}.
 *
 * @since 0.1.0
 */
public final class InMemoryDirectory implements Directory {

  private static final InMemoryDirectory EMPTY = builder().build();

  private final Map<String, UserInfo> users;
  private final Map<String, CompanyInfo> companies;
  private final List<String> adminIds;

  private InMemoryDirectory(Builder b) {
    users = Map.copyOf(b.users);
    companies = Map.copyOf(b.companies);
    adminIds =
        b.admins.isEmpty()
            ? b.users.values().stream()
                .filter(u -> u.role() == Role.ADMIN || u.role() == Role.SUPER_ADMIN)
                .map(UserInfo::id)
                .toList()
            : List.copyOf(b.admins);
  }

  /** A directory that knows nobody. */
  public static InMemoryDirectory empty() {
    return EMPTY;
  }

  /** A builder of an empty directory. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Map<String, UserInfo> users(Collection<String> ids) {
    return known(users, ids);
  }

  @Override
  public Map<String, CompanyInfo> companies(Collection<String> ids) {
    return known(companies, ids);
  }

  /** The registered user whose address is {@code email}, ignoring case. */
  @Override
  public @Nullable UserInfo userByEmail(String email) {
    String wanted = email.strip();
    for (UserInfo u : users.values()) {
      String address = u.email();
      if (address != null && address.strip().equalsIgnoreCase(wanted)) {
        return u;
      }
    }
    return null;
  }

  /** The explicitly registered admins in registration order, or else the users with an admin role. */
  @Override
  public List<String> adminIds() {
    return adminIds;
  }

  private static <V> Map<String, V> known(Map<String, V> all, Collection<String> ids) {
    Map<String, V> found = new HashMap<>();
    for (String id : ids) {
      V value = all.get(id);
      if (value != null) {
        found.put(id, value);
      }
    }
    return Map.copyOf(found);
  }

  /** Collects users, companies and admins; registering an id again replaces the earlier entry. */
  public static final class Builder {
    private final Map<String, UserInfo> users = new LinkedHashMap<>();
    private final Map<String, CompanyInfo> companies = new LinkedHashMap<>();
    private final Set<String> admins = new LinkedHashSet<>();

    private Builder() {}

    public Builder company(String id, String name, String email) {
      return company(new CompanyInfo(id, name, email));
    }

    public Builder company(CompanyInfo company) {
      companies.put(company.id(), company);
      return this;
    }

    public Builder user(UserInfo user) {
      users.put(user.id(), user);
      return this;
    }

    /** A user whose host role name is the SDK role's name. */
    public Builder user(String id, String firstName, String lastName, String email, Role role) {
      return user(new UserInfo(id, firstName, lastName, email, role));
    }

    /**
     * Adds a user to notify as an admin. Once any is added, roles no longer decide who the admins
     * are. The user need not be registered with {@link #user}.
     */
    public Builder admin(String userId) {
      admins.add(userId);
      return this;
    }

    /** Adds every user of {@code all}. */
    public Builder users(Collection<UserInfo> all) {
      all.forEach(this::user);
      return this;
    }

    public InMemoryDirectory build() {
      return new InMemoryDirectory(this);
    }
  }
}
