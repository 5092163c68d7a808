package dev.ticketing.email;

import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who wrote a mail: the directory's user with the sender's address, or the unknown-sender policy. */
final class Senders {

  private static final Logger log = LoggerFactory.getLogger(Senders.class);

  private final Directory directory;
  private final UnknownSenders unknown;

  Senders(Directory directory, UnknownSenders unknown) {
    this.directory = directory;
    this.unknown = unknown;
  }

  /** The actor for the sender, or null (logged) when the mail must be refused. */
  @Nullable Actor actor(String address, @Nullable String name) {
    UserInfo user = directory.userByEmail(address);
    if (user == null) {
      user = unknown.create(address, name);
      if (user == null) {
        log.warn("Inbound mail from {} refused: the directory knows no such sender", address);
        return null;
      }
      log.info("Inbound mail from {}: the unknown-sender policy made user {}", address, user.id());
    }
    if (user.role() == Role.CUSTOMER) {
      String company = user.companyId();
      if (company == null || company.isBlank()) {
        log.warn("Inbound mail from {} refused: customer {} has no company", address, user.id());
        return null;
      }
      return Actor.customer(user.id(), company);
    }
    return new Actor(user.id(), user.role(), null);
  }
}
