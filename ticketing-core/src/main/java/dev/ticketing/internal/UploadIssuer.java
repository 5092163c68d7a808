package dev.ticketing.internal;

import dev.ticketing.AttachmentException;
import dev.ticketing.RequestUpload;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.PresignedUpload;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The first half of attaching a file: checks the declared name, type and size, and issues a
 * pre-signed URL that writes a staging object, recording the grant the confirmation will consume.
 * A repeat of the same idempotency key gets a new URL for the same object while the upload is open.
 */
final class UploadIssuer {

  private final TicketStore store;
  private final BlobStore blobs;
  private final TicketingOptions options;
  private final Access access;
  private final UnitOfWork unit;
  private final ChangeLog changes;
  private final SecureRandom random;
  private final InputValidator validator = new InputValidator();

  UploadIssuer(
      TicketStore store,
      BlobStore blobs,
      TicketingOptions options,
      Access access,
      UnitOfWork unit,
      ChangeLog changes,
      SecureRandom random) {
    this.store = store;
    this.blobs = blobs;
    this.options = options;
    this.access = access;
    this.unit = unit;
    this.changes = changes;
    this.random = random;
  }

  UploadUrl request(Actor actor, RequestUpload input) {
    // Every rule, annotated or not, before anything throws: one exception lists all violations.
    List<Violation> problems = new ArrayList<>(validator.violations("input", input));
    String fileName = null;
    if (input != null) {
      String type = input.contentType();
      if (type != null
          && !type.isBlank()
          && !options.allowedContentTypes().contains(normaliseContentType(type))) {
        problems.add(new Violation("contentType", "is not an allowed content type"));
      }
      if (input.fileSize() > options.maxFileSize()) {
        problems.add(
            new Violation("fileSize", "must be at most " + options.maxFileSize() + " bytes"));
      }
      if (problems.stream().noneMatch(v -> v.field().equals("fileName"))) {
        try {
          fileName = FileNames.sanitise(Objects.requireNonNull(input.fileName()));
        } catch (ValidationException e) {
          problems.addAll(e.violations());
        }
      }
    }
    InputValidator.throwIfAny(problems);
    String contentType = normaliseContentType(Objects.requireNonNull(input).contentType());
    String safeName = Objects.requireNonNull(fileName);
    IdempotencyKeys.Key idempotencyKey = IdempotencyKeys.of(actor, "requestUpload", input);
    return unit.keyed(
        idempotencyKey,
        () -> {
          TicketRecord t = access.permitted(actor, input.ticketId(), Operation.ATTACH_FILE);
          StatusEffects.requireOpenForComments(t);
          // The URL writes a staging object outside every ticket's prefix; the key under the
          // ticket's
          // prefix, which the file will be served from, is only ever written by the copy at
          // confirmation.
          String key = options.keyPrefix() + t.id() + "/" + randomSegment(random) + "/" + safeName;
          String stagingKey = options.stagingPrefix() + randomSegment(random);
          Instant now = changes.now();
          PresignedUpload upload =
              blobs.presignUpload(
                  stagingKey, contentType, input.fileSize(), options.uploadUrlExpiry());
          store.saveUploadGrant(
              new UploadGrant(
                  key,
                  stagingKey,
                  t.id(),
                  actor.id(),
                  safeName,
                  contentType,
                  input.fileSize(),
                  now,
                  now.plus(options.uploadUrlExpiry()).plus(options.confirmationWindow())));
          return new UploadUrl(
              upload.url(),
              key,
              options.uploadUrlExpiry().toSeconds(),
              options.maxFileSize(),
              upload.requiredHeaders());
        },
        UploadUrl::key,
        url -> url,
        objectKey -> replayUpload(actor, objectKey));
  }

  /**
   * The upload a recorded key names: a new URL for the same object key, valid for what is left of
   * the issued lifetime, while the upload is still open (not confirmed, not expired).
   */
  private UploadUrl replayUpload(Actor actor, String objectKey) {
    UploadGrant grant = store.findUploadGrant(objectKey).orElse(null);
    Instant now = changes.now();
    if (grant == null
        || !grant.issuedTo().equals(actor.id())
        || !grant.expiresAt().isAfter(now.plusSeconds(1))) {
      throw new AttachmentException(
          "the upload issued for this idempotency key was confirmed or has expired");
    }
    Duration left = Duration.between(now, grant.expiresAt());
    PresignedUpload upload =
        blobs.presignUpload(grant.stagingKey(), grant.contentType(), grant.fileSize(), left);
    return new UploadUrl(
        upload.url(), objectKey, left.toSeconds(), options.maxFileSize(), upload.requiredHeaders());
  }

  static String normaliseContentType(@Nullable String contentType) {
    String type = Objects.requireNonNull(contentType);
    int semicolon = type.indexOf(';');
    return (semicolon >= 0 ? type.substring(0, semicolon) : type).strip().toLowerCase(Locale.ROOT);
  }

  /** 96 random bits in hex: unguessable segments of object keys and claims. */
  static String randomSegment(SecureRandom random) {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
