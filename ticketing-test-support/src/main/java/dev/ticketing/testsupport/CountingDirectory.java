package dev.ticketing.testsupport;

import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Directory} that counts the calls made to the one it wraps, to show that a page of tickets
 * costs a fixed number of directory calls whatever its size, and can be told to fail {@link
 * #adminIds()} (which the outbox dispatcher asks when it resolves who the admins to notify are: a
 * directory outage then delays notifications and fails no write), or {@linkplain #down every call}.
 *
 * <pre>{@code
 * CountingDirectory directory = new CountingDirectory(myDirectory);
 * // build the service on it, then:
 * directory.reset();
 * service.ticketsPaginated(agent, PageRequest.first(50), TicketFilter.none());
 * assertThat(directory.userCalls()).isEqualTo(1);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CountingDirectory implements Directory {
  private final Directory delegate;
  private final AtomicInteger userCalls = new AtomicInteger();
  private final AtomicInteger companyCalls = new AtomicInteger();
  private final AtomicInteger adminCalls = new AtomicInteger();
  private final AtomicBoolean failAdmins = new AtomicBoolean();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger injected = new AtomicInteger();

  /**
   * Counts the calls made to a directory.
   *
   * @param delegate the directory that answers the calls
   */
  public CountingDirectory(Directory delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Calls of any kind so far.
   *
   * @return the number of calls since creation or the last {@link #reset}
   */
  public int calls() {
    return userCalls.get() + companyCalls.get() + adminCalls.get();
  }

  /**
   * Calls of {@link #users}.
   *
   * @return the number of user look-ups
   */
  public int userCalls() {
    return userCalls.get();
  }

  /**
   * Calls of {@link #companies}.
   *
   * @return the number of company look-ups
   */
  public int companyCalls() {
    return companyCalls.get();
  }

  /**
   * Calls of {@link #adminIds}.
   *
   * @return the number of admin look-ups
   */
  public int adminCalls() {
    return adminCalls.get();
  }

  /** Sets every count back to zero. */
  public void reset() {
    userCalls.set(0);
    companyCalls.set(0);
    adminCalls.set(0);
  }

  /**
   * From now on, {@link #adminIds()} throws (or stops throwing).
   *
   * @param fail whether admin look-ups fail
   */
  public void failAdminLookups(boolean fail) {
    failAdmins.set(fail);
  }

  /**
   * From now on every call throws, as a directory server that is unreachable (or answers again).
   * Calls are counted either way.
   *
   * @param isDown whether every call fails
   */
  public void down(boolean isDown) {
    down.set(isDown);
  }

  /**
   * How many calls this directory has failed on purpose.
   *
   * @return the number of injected failures
   */
  public int injectedFailures() {
    return injected.get();
  }

  private void failIf(boolean fail) {
    if (fail) {
      injected.incrementAndGet();
      throw new InjectedFailure("directory down (injected)");
    }
  }

  @Override
  public Map<String, UserInfo> users(Collection<String> ids) {
    userCalls.incrementAndGet();
    failIf(down.get());
    return delegate.users(ids);
  }

  @Override
  public Map<String, CompanyInfo> companies(Collection<String> ids) {
    companyCalls.incrementAndGet();
    failIf(down.get());
    return delegate.companies(ids);
  }

  @Override
  public List<String> adminIds() {
    adminCalls.incrementAndGet();
    failIf(down.get() || failAdmins.get());
    return delegate.adminIds();
  }

  /** The failure this directory injects, recognisable in assertions. */
  public static final class InjectedFailure extends RuntimeException {
    /**
     * A failure with this message.
     *
     * @param message what the failure says
     */
    public InjectedFailure(String message) {
      super(message);
    }
  }
}
