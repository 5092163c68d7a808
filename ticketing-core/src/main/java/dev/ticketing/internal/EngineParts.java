package dev.ticketing.internal;

import dev.ticketing.DirectoryFailures;
import dev.ticketing.TicketingOptions;
import dev.ticketing.memory.InMemoryFieldDefinitionStore;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.FieldDefinitionStore;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.util.Objects;

/**
 * What the service and every capability beside it are built from: the stores, the host's
 * directory and subjects, the policy, the settings, the clock, the id source, what runs after each
 * commit (waking the dispatcher), the counter of directory failures and the custom field
 * definitions.
 */
public record EngineParts(
    TicketStore store,
    BlobStore blobs,
    Directory directory,
    SubjectCatalog subjects,
    PermissionPolicy policy,
    TicketingOptions options,
    Clock clock,
    IdGenerator ids,
    Runnable afterCommit,
    DirectoryFailures failures,
    FieldDefinitionStore fieldDefinitions) {

  /** Without custom field definitions of the host's: a new in-memory store. */
  public EngineParts(
      TicketStore store,
      BlobStore blobs,
      Directory directory,
      SubjectCatalog subjects,
      PermissionPolicy policy,
      TicketingOptions options,
      Clock clock,
      IdGenerator ids,
      Runnable afterCommit,
      DirectoryFailures failures) {
    this(
        store,
        blobs,
        directory,
        subjects,
        policy,
        options,
        clock,
        ids,
        afterCommit,
        failures,
        new InMemoryFieldDefinitionStore());
  }

  public EngineParts {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(blobs, "blobs");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(subjects, "subjects");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(afterCommit, "afterCommit");
    Objects.requireNonNull(failures, "failures");
    Objects.requireNonNull(fieldDefinitions, "fieldDefinitions");
  }
}
