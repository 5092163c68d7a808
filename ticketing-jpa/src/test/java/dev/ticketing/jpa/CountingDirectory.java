package dev.ticketing.jpa;

import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Directory} that counts the calls made to the one it wraps, and can be told to fail
 * {@link #adminIds()} (which the outbox dispatcher asks when it resolves who the admins to notify
 * are: a directory outage then delays notifications and fails no write).
 */
final class CountingDirectory implements Directory {
  private final Directory delegate;
  private final AtomicInteger userCalls = new AtomicInteger();
  private final AtomicInteger companyCalls = new AtomicInteger();
  private final AtomicInteger adminCalls = new AtomicInteger();
  private final AtomicBoolean failAdmins = new AtomicBoolean();

  CountingDirectory(Directory delegate) {
    this.delegate = delegate;
  }

  /** Calls of any kind so far. */
  int calls() {
    return userCalls.get() + companyCalls.get() + adminCalls.get();
  }

  int userCalls() {
    return userCalls.get();
  }

  int companyCalls() {
    return companyCalls.get();
  }

  /** From now on, {@link #adminIds()} throws (or stops throwing). */
  void failAdminLookups(boolean fail) {
    failAdmins.set(fail);
  }

  @Override
  public Map<String, UserInfo> users(Collection<String> ids) {
    userCalls.incrementAndGet();
    return delegate.users(ids);
  }

  @Override
  public Map<String, CompanyInfo> companies(Collection<String> ids) {
    companyCalls.incrementAndGet();
    return delegate.companies(ids);
  }

  @Override
  public List<String> adminIds() {
    adminCalls.incrementAndGet();
    if (failAdmins.get()) {
      throw new InjectedFailure("directory down (injected)");
    }
    return delegate.adminIds();
  }

  /** The failure this directory injects, recognisable in assertions. */
  static final class InjectedFailure extends RuntimeException {
    InjectedFailure(String message) {
      super(message);
    }
  }
}
