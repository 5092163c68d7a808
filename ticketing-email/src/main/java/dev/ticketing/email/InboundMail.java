package dev.ticketing.email;

import dev.ticketing.AddComment;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.InvalidStateException;
import dev.ticketing.RequestUpload;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.email.InboundResult.Outcome;
import dev.ticketing.memory.InMemoryMailStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.MailStore;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound entry point: one raw RFC 5322 message in (a provider's inbound post, or a message the
 * {@link ImapPoller} fetched), a new ticket or a reply out.
 *
 * <p>Each message is claimed in the {@link MailStore} by its {@code Message-ID} (or, without one,
 * by its bytes) before anything happens, so a message that arrives twice, or that two pollers fetch
 * at once, is processed once; every write it makes carries an idempotency key derived from the
 * message, so a processing cut short (a crash, the blob store away) is completed, not repeated, when
 * the message comes again. Then, in order:
 *
 * <ol>
 *   <li>auto-replies, bounces, list mail and loops are ignored, never answered ({@link
 *       Outcome#AUTOMATIC});
 *   <li>the message is read within the {@link MailLimits}; one over a limit is refused whole,
 *       logged, nothing written;
 *   <li>the sender is mapped to a user by address through the {@link Directory}, or through the
 *       {@link UnknownSenders} policy; an unknown sender is refused, logged, never bounced;
 *   <li>the ticket is found by reply token, then headers, then subject reference, only among the
 *       tickets the sender may see; a reply becomes a public comment without its quoted history
 *       and signature (a reply to a closed ticket opens a follow-up ticket instead);
 *   <li>a message matching nothing opens a ticket for the sender's company (mail from staff that
 *       matches nothing is refused: staff belong to no company);
 *   <li>attachments and inline images go through the engine's upload and confirmation, held to its
 *       size and type rules; a file of a type it does not take is left out and named in the text.
 * </ol>
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public final class InboundMail {

  private static final Logger log = LoggerFactory.getLogger(InboundMail.class);

  private final TicketService service;
  private final MailStore store;
  private final ReplyTokens tokens;
  private final MailLimits limits;
  private final TicketingOptions options;
  private final BlobUploader uploader;
  private final Clock clock;
  private final String owner;
  private final MimeReader reader;
  private final Senders senders;
  private final Threading threading;

  private InboundMail(Builder b) {
    this.service = Objects.requireNonNull(b.service, "service");
    this.tokens = Objects.requireNonNull(b.tokens, "tokens");
    Directory directory = Objects.requireNonNull(b.directory, "directory");
    this.store = b.store;
    this.limits = b.limits;
    this.options = b.options;
    this.uploader = b.uploader;
    this.clock = b.clock;
    this.owner = b.owner;
    this.reader = new MimeReader(limits);
    this.senders = new Senders(directory, b.unknownSenders);
    this.threading = new Threading(service, tokens, store);
  }

  /** A builder; the service, directory and reply tokens are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The limits in force. */
  public MailLimits limits() {
    return limits;
  }

  /** Reads at most one byte over the size limit, then processes the message. */
  public InboundResult receive(InputStream raw) throws IOException {
    byte[] bytes =
        raw.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxMessageBytes() + 1));
    return receive(bytes);
  }

  /** Processes one raw message. Throws only when it should be delivered again later. */
  public InboundResult receive(byte[] raw) {
    if (raw.length > limits.maxMessageBytes()) {
      log.warn(
          "Inbound mail refused: {} bytes or more, over the limit of {}",
          raw.length,
          limits.maxMessageBytes());
      return new InboundResult(Outcome.REFUSED, null, "message too large");
    }
    MimeMessage message;
    String messageId;
    try {
      message = MimeReader.parse(raw);
      messageId = MimeReader.header(message, "Message-ID");
    } catch (MailRefusedException | MessagingException e) {
      log.warn("Inbound mail refused: not a readable message ({})", e.getMessage());
      return new InboundResult(Outcome.REFUSED, null, "malformed message");
    }
    List<String> ids = MessageKeys.ids(messageId);
    String key = ids.isEmpty() ? MessageKeys.ofBytes(raw) : MessageKeys.of(ids.get(0));
    switch (store.claim(key, owner, clock.instant(), limits.claimLease())) {
      case DONE -> {
        String ticket = store.inbound(key).map(MailStore.Inbound::ticketId).orElse(null);
        log.debug("Inbound mail {} dropped: processed before", messageId);
        return new InboundResult(Outcome.DUPLICATE, ticket, "processed before");
      }
      case BUSY -> {
        return new InboundResult(Outcome.BUSY, null, "being processed elsewhere");
      }
      case CLAIMED -> {}
    }
    InboundResult result;
    try {
      result = process(message, messageId, key);
    } catch (RuntimeException e) {
      store.release(key, owner);
      throw e;
    }
    store.finish(key, owner, result.outcome().word(), result.ticketId(), clock.instant());
    return result;
  }

  private InboundResult process(MimeMessage message, @Nullable String messageId, String key) {
    ParsedMail mail;
    try {
      String automatic = AutoReplies.reason(message, tokens.supportAddress());
      if (automatic != null) {
        log.info("Inbound mail {} ignored, never answered: {}", messageId, automatic);
        return new InboundResult(Outcome.AUTOMATIC, null, automatic);
      }
      mail = reader.read(message);
    } catch (MailRefusedException e) {
      log.warn("Inbound mail {} refused ({}): {}", messageId, e.reason(), e.getMessage());
      return new InboundResult(
          Outcome.REFUSED,
          null,
          e.reason().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
    } catch (MessagingException e) {
      log.warn("Inbound mail {} refused: unreadable headers ({})", messageId, e.getMessage());
      return new InboundResult(Outcome.REFUSED, null, "malformed headers");
    }
    Actor actor = senders.actor(mail.fromAddress(), mail.fromName());
    if (actor == null) {
      return new InboundResult(Outcome.REFUSED, null, "unknown sender");
    }
    List<ParsedMail.Attachment> kept = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (ParsedMail.Attachment a : mail.attachments()) {
      if (!options.allowedContentTypes().contains(a.contentType())) {
        notes.add("[Attachment not kept: " + a.fileName() + " (" + a.contentType() + ")]");
      } else if (a.bytes().length == 0 || a.bytes().length > options.maxFileSize()) {
        notes.add("[Attachment not kept: " + a.fileName() + " (" + a.bytes().length + " bytes)]");
      } else {
        kept.add(a);
      }
    }
    String idem = "mail:" + key;
    try {
      Threading.Match match = threading.match(mail, actor);
      String followUp = null;
      if (match != null) {
        try {
          CommentView c =
              service.addComment(
                  actor,
                  new AddComment(
                      match.ticketId(),
                      MailText.content(ReplyText.strip(mail.text()), notes, limits),
                      false,
                      idem + ":reply"));
          attach(actor, match.ticketId(), c.id(), kept, idem);
          log.info(
              "Inbound mail {} from {}: reply on ticket {} (matched by {})",
              messageId,
              mail.fromAddress(),
              match.ticketId(),
              match.via());
          return new InboundResult(Outcome.REPLIED, match.ticketId(), "matched by " + match.via());
        } catch (InvalidStateException closed) {
          followUp = match.ticketId();
        }
      }
      if (actor.role() != Role.CUSTOMER || actor.companyId() == null) {
        log.warn(
            "Inbound mail {} from staff member {} refused: it answers no ticket they may see",
            messageId,
            actor.id());
        return new InboundResult(Outcome.REFUSED, null, "staff mail matching no ticket");
      }
      // A reply that matched no ticket still loses its quoted history; a forwarded mail keeps all.
      String text = MailText.isReply(mail) ? ReplyText.strip(mail.text()) : mail.text();
      if (followUp != null) {
        text = "Follow-up to [#" + followUp + "]\n\n" + text;
      }
      TicketView t =
          service.createTicket(
              actor,
              new CreateTicket(
                  MailText.title(mail.subject()),
                  MailText.content(text, notes, limits),
                  null,
                  null,
                  actor.companyId(),
                  idem + ":ticket"));
      attach(actor, t.id(), null, kept, idem);
      log.info("Inbound mail {} from {}: new ticket {}", messageId, mail.fromAddress(), t.id());
      return new InboundResult(Outcome.CREATED, t.id(), "new ticket");
    } catch (TicketingException e) {
      if (e.retryable()) {
        throw e;
      }
      log.warn(
          "Inbound mail {} from {} refused: {}", messageId, mail.fromAddress(), e.getMessage());
      return new InboundResult(Outcome.REFUSED, null, e.code().name().toLowerCase(Locale.ROOT));
    }
  }

  private void attach(
      Actor actor,
      String ticketId,
      @Nullable String commentId,
      List<ParsedMail.Attachment> files,
      String idem) {
    for (int i = 0; i < files.size(); i++) {
      ParsedMail.Attachment a = files.get(i);
      UploadUrl upload =
          service.requestUpload(
              actor,
              new RequestUpload(
                  ticketId,
                  a.fileName(),
                  a.contentType(),
                  a.bytes().length,
                  idem + ":upload:" + i));
      try {
        uploader.put(upload, a.contentType(), a.bytes());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot store an attachment of an inbound mail", e);
      }
      service.confirmAttachment(
          actor, new ConfirmAttachment(ticketId, upload.key(), commentId, idem + ":attach:" + i));
    }
  }

  /** Builds an {@link InboundMail}. */
  public static final class Builder {
    private @Nullable TicketService service;
    private @Nullable Directory directory;
    private @Nullable ReplyTokens tokens;
    private MailStore store = new InMemoryMailStore();
    private MailLimits limits = MailLimits.defaults();
    private TicketingOptions options = TicketingOptions.defaults();
    private BlobUploader uploader = BlobUploader.http();
    private UnknownSenders unknownSenders = UnknownSenders.refuse();
    private Clock clock = Clock.systemUTC();
    private String owner = "inbound-" + UUID.randomUUID();

    private Builder() {}

    /** The ticket service the messages are written through (required). */
    public Builder service(TicketService v) {
      this.service = v;
      return this;
    }

    /** Who sends: users looked up by address (required). */
    public Builder directory(Directory v) {
      this.directory = v;
      return this;
    }

    /** The reply tokens of the outbound mails (required). */
    public Builder tokens(ReplyTokens v) {
      this.tokens = v;
      return this;
    }

    /** Claims and sent ids; default in memory (one process only). */
    public Builder store(MailStore v) {
      this.store = v;
      return this;
    }

    /** The limits (default {@link MailLimits#defaults()}). */
    public Builder limits(MailLimits v) {
      this.limits = v;
      return this;
    }

    /** The engine's options, whose file size and types attachments are held to. */
    public Builder options(TicketingOptions v) {
      this.options = v;
      return this;
    }

    /** How attachment bytes reach the blob store (default an HTTP PUT). */
    public Builder uploader(BlobUploader v) {
      this.uploader = v;
      return this;
    }

    /** The policy for senders the directory does not know (default: refuse). */
    public Builder unknownSenders(UnknownSenders v) {
      this.unknownSenders = v;
      return this;
    }

    /** The clock of the claims. */
    public Builder clock(Clock v) {
      this.clock = v;
      return this;
    }

    /** The name this instance claims messages under (default a random one per instance). */
    public Builder owner(String v) {
      this.owner = v;
      return this;
    }

    public InboundMail build() {
      return new InboundMail(this);
    }
  }
}
