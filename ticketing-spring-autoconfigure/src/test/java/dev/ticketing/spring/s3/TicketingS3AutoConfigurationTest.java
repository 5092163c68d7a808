package dev.ticketing.spring.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.CreateTicket;
import dev.ticketing.RequestUpload;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.UploadUrl;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.s3.S3BlobStore;
import dev.ticketing.s3.S3Settings;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The S3 blob store auto-configuration: when it is active, that it replaces the in-memory default,
 * that a host's own BlobStore wins, and how {@code ticketing.s3.*} binds. No S3 is contacted:
 * building the clients and signing URLs is local (ticketing-s3's own tests use a real server).
 */
class TicketingS3AutoConfigurationTest {

  private static final Actor CUSTOMER = Actor.customer("cust-1", "acme");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TicketingS3AutoConfiguration.class, TicketingAutoConfiguration.class))
          .withBean(
              Directory.class,
              () ->
                  InMemoryDirectory.builder()
                      .company("acme", "Acme", "support@acme.test")
                      .user("admin-1", "Ada", "Admin", "ada@example.test", Role.ADMIN)
                      .user("cust-1", "Carl", "Customer", "carl@acme.test", Role.CUSTOMER)
                      .build());

  private static final String[] S3 = {
    "ticketing.s3.bucket=ticket-files",
    "ticketing.s3.region=eu-west-1",
    "ticketing.s3.access-key-id=AKIDTEST",
    "ticketing.s3.secret-access-key=test-secret",
  };

  @Test
  void withoutABucketAttachmentsStayInMemory() {
    runner.run(
        context -> {
          assertThat(context)
              .hasNotFailed()
              .hasSingleBean(BlobStore.class)
              .doesNotHaveBean(S3BlobStore.class)
              .doesNotHaveBean(TicketingS3Properties.class);
          assertThat(context.getBean(BlobStore.class)).isInstanceOf(InMemoryBlobStore.class);
        });
    runner
        .withPropertyValues("ticketing.s3.bucket=  ", "ticketing.s3.region=eu-west-1")
        .run(
            context ->
                assertThat(context.getBean(BlobStore.class))
                    .as("a blank bucket is no bucket")
                    .isInstanceOf(InMemoryBlobStore.class));
  }

  @Test
  void aBucketSwitchesTheEngineToS3() {
    runner
        .withPropertyValues(S3)
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(BlobStore.class)
                  .hasSingleBean(S3BlobStore.class);
              S3BlobStore store = context.getBean(S3BlobStore.class);
              assertThat(store.bucket()).isEqualTo("ticket-files");
              assertThat(context.getBean(Ticketing.class).blobStore()).isSameAs(store);

              TicketService service = context.getBean(TicketService.class);
              TicketView t =
                  service.createTicket(
                      CUSTOMER, CreateTicket.of("Printer", "It is on fire", "acme"));
              UploadUrl url =
                  service.requestUpload(
                      CUSTOMER, new RequestUpload(t.id(), "shot.png", "image/png", 10));
              URI uri = URI.create(url.uploadUrl());
              assertThat(uri.getHost()).isEqualTo("ticket-files.s3.eu-west-1.amazonaws.com");
              // The URL writes the staging key; the key the file will be served from is never
              // signed for it.
              assertThat(uri.getRawPath())
                  .startsWith("/tickets/staging/")
                  .isNotEqualTo("/" + url.key());
              assertThat(uri.getRawQuery())
                  .contains("X-Amz-Credential=AKIDTEST%2F", "content-length%3Bcontent-type%3Bhost");
            });
  }

  @Test
  void ticketingAttachmentPropertiesStillApply() {
    runner
        .withPropertyValues(S3)
        .withPropertyValues(
            "ticketing.attachments.key-prefix=files/",
            "ticketing.attachments.staging-prefix=incoming/",
            "ticketing.attachments.upload-url-expiry=5m")
        .run(
            context -> {
              TicketService service = context.getBean(TicketService.class);
              TicketView t =
                  service.createTicket(
                      CUSTOMER, CreateTicket.of("Printer", "It is on fire", "acme"));
              UploadUrl url =
                  service.requestUpload(
                      CUSTOMER, new RequestUpload(t.id(), "a.png", "image/png", 10));
              assertThat(url.key()).startsWith("files/" + t.id() + "/");
              assertThat(URI.create(url.uploadUrl()).getRawPath())
                  .as("prefixed once")
                  .matches("/incoming/[0-9a-f]{24}");
              assertThat(url.uploadUrl()).contains("X-Amz-Expires=300");
            });
  }

  @Test
  void anS3CompatibleStoreWithPathStyle() {
    runner
        .withPropertyValues(
            "ticketing.s3.bucket=files",
            "ticketing.s3.region=us-east-1",
            "ticketing.s3.endpoint=http://127.0.0.1:9000",
            "ticketing.s3.path-style-access=true",
            "ticketing.s3.access-key-id=minio",
            "ticketing.s3.secret-access-key=minio123")
        .run(
            context -> {
              String url =
                  context
                      .getBean(S3BlobStore.class)
                      .presignDownload("k/a.txt", "a.txt", Duration.ofMinutes(1));
              assertThat(url).startsWith("http://127.0.0.1:9000/files/k/a.txt?");
            });
  }

  @Test
  void theHostsBlobStoreWins() {
    runner
        .withPropertyValues(S3)
        .withUserConfiguration(OwnBlobStore.class)
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(BlobStore.class)
                  .doesNotHaveBean(S3BlobStore.class);
              assertThat(context.getBean(BlobStore.class))
                  .isSameAs(context.getBean(OwnBlobStore.class).store);
              assertThat(context.getBean(Ticketing.class).blobStore())
                  .isSameAs(context.getBean(OwnBlobStore.class).store);
            });
  }

  @Test
  void withoutTheModuleOrWithTheEngineOffThereIsNoS3Store() {
    runner
        .withPropertyValues(S3)
        .withClassLoader(new FilteredClassLoader(S3BlobStore.class))
        .run(
            context ->
                assertThat(context.getBean(BlobStore.class)).isInstanceOf(InMemoryBlobStore.class));
    runner
        .withPropertyValues(S3)
        .withPropertyValues("ticketing.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(BlobStore.class));
  }

  @Test
  void propertiesBind() {
    runner
        .withPropertyValues(
            "ticketing.s3.bucket=files",
            "ticketing.s3.region=eu-central-1",
            "ticketing.s3.endpoint=https://storage.example.test",
            "ticketing.s3.path-style-access=true",
            "ticketing.s3.access-key-id=AKIDBIND",
            "ticketing.s3.secret-access-key=bind-secret")
        .run(
            context -> {
              TicketingS3Properties p = context.getBean(TicketingS3Properties.class);
              assertThat(p.bucket()).isEqualTo("files");
              assertThat(p.region()).isEqualTo("eu-central-1");
              assertThat(p.endpoint()).isEqualTo(URI.create("https://storage.example.test"));
              assertThat(p.pathStyleAccess()).isTrue();
              assertThat(p.accessKeyId()).isEqualTo("AKIDBIND");
              assertThat(p.secretAccessKey()).isEqualTo("bind-secret");
              assertThat(p.toString()).doesNotContain("bind-secret");
              assertThat(p.toSettings())
                  .isEqualTo(
                      new S3Settings(
                          "files",
                          "eu-central-1",
                          URI.create("https://storage.example.test"),
                          true,
                          "AKIDBIND",
                          "bind-secret"));
            });
    runner
        .withPropertyValues("ticketing.s3.bucket=files", "ticketing.s3.region=eu-west-1")
        .run(
            context -> {
              TicketingS3Properties p = context.getBean(TicketingS3Properties.class);
              assertThat(p.pathStyleAccess()).isFalse();
              assertThat(p.endpoint()).isNull();
              assertThat(p.toSettings().explicitCredentials())
                  .as("the SDK's default chain")
                  .isFalse();
              assertThat(context).hasSingleBean(S3BlobStore.class);
            });
  }

  @Test
  void halfTheCredentialsFailsTheStart() {
    runner
        .withPropertyValues(
            "ticketing.s3.bucket=files",
            "ticketing.s3.region=eu-west-1",
            "ticketing.s3.access-key-id=AKIDONLY")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("secretAccessKey"));
  }

  @Test
  void registeredBeforeTheEngine() {
    List<String> imports =
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates();
    assertThat(imports).contains(TicketingS3AutoConfiguration.class.getName());
    assertThat(imports.indexOf(TicketingS3AutoConfiguration.class.getName()))
        .isLessThan(imports.indexOf(TicketingAutoConfiguration.class.getName()));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBlobStore {
    final InMemoryBlobStore store = new InMemoryBlobStore();

    @Bean
    BlobStore hostBlobStore() {
      return store;
    }
  }
}
