package dev.ticketing.spring.autoconfigure;

import static dev.ticketing.spring.SpringFixtures.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.attachment.AttachmentSweeper;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spring.SpringFixtures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The background dispatcher and sweeper stop exactly once at shutdown, however many of the
 * context's callbacks reach them. Each close of the dispatcher runs a final delivery round, one
 * claim on the outbox; counting claims shows how often it was closed.
 */
class BackgroundLifecycleTest {

  private final AtomicInteger claims = new AtomicInteger();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(TICKETING)
          // A long poll interval: after its first round the background thread only claims when
          // woken.
          .withPropertyValues("ticketing.outbox.poll-interval=1h")
          .withBean(TicketStore.class, () -> counting(new InMemoryTicketStore()))
          .withBean(dev.ticketing.spi.Directory.class, SpringFixtures::directory);

  @Test
  void closingTheContextClosesTheDispatcherOnce() {
    AtomicInteger beforeClose = new AtomicInteger();
    OutboxDispatcher[] dispatcher = new OutboxDispatcher[1];
    runner.run(
        context -> {
          dispatcher[0] = context.getBean(OutboxDispatcher.class);
          assertThat(dispatcher[0].isRunning()).isTrue();
          awaitFirstRound();
          beforeClose.set(claims.get());
        });
    // The runner closed the context: the lifecycle stopped the dispatcher, and no destroy method
    // of the engine or the dispatcher bean closed it again.
    assertThat(claims.get() - beforeClose.get()).isEqualTo(1);
    assertThat(dispatcher[0].isRunning()).isFalse();
  }

  @Test
  void stoppingTwiceAndDestroyingClosesOnce() {
    runner.run(
        context -> {
          OutboxDispatcherLifecycle lifecycle = context.getBean(OutboxDispatcherLifecycle.class);
          awaitFirstRound();
          int before = claims.get();
          lifecycle.stop();
          lifecycle.stop();
          lifecycle.destroy();
          assertThat(claims.get() - before).isEqualTo(1);
          assertThat(lifecycle.isRunning()).isFalse();
          assertThat(context.getBean(OutboxDispatcher.class).isRunning()).isFalse();

          // Started again (a context stopped and started), it runs and stops once more.
          lifecycle.start();
          assertThat(context.getBean(OutboxDispatcher.class).isRunning()).isTrue();
          lifecycle.stop();
          assertThat(context.getBean(OutboxDispatcher.class).isRunning()).isFalse();
        });
  }

  @Test
  void theSweeperStopsWithTheContext() {
    AttachmentSweeper[] sweeper = new AttachmentSweeper[1];
    runner.run(
        context -> {
          sweeper[0] = context.getBean(AttachmentSweeper.class);
          AttachmentSweeperLifecycle lifecycle = context.getBean(AttachmentSweeperLifecycle.class);
          assertThat(sweeper[0].isRunning()).isTrue();
          lifecycle.stop();
          lifecycle.destroy();
          assertThat(sweeper[0].isRunning()).isFalse();
          assertThat(lifecycle.isRunning()).isFalse();
        });
    assertThat(sweeper[0].isRunning()).isFalse();
  }

  @Test
  void withTheDispatcherSwitchedOffShutdownDeliversNothing() {
    runner
        .withPropertyValues("ticketing.outbox.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(OutboxDispatcherLifecycle.class);
              assertThat(context.getBean(OutboxDispatcher.class).isRunning()).isFalse();
            });
    // An instance that only writes the outbox does not claim rows on its way down either.
    assertThat(claims.get()).isZero();
  }

  /**
   * In an application Spring Boot runs, the work begins once the application is ready: the
   * application's runners (the last step before ready) find the lifecycles started and the work
   * not yet begun, and the dispatcher's first round comes after.
   */
  @Test
  void inASpringBootApplicationTheWorkBeginsWhenTheApplicationIsReady() throws Exception {
    Map<String, Boolean> atRunner = new ConcurrentHashMap<>();
    SpringApplication application = new SpringApplication(ReadyHost.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.addInitializers(
        (ConfigurableApplicationContext context) -> {
          context
              .getBeanFactory()
              .registerSingleton("countingTicketStore", counting(new InMemoryTicketStore()));
          context.getBeanFactory().registerSingleton("directory", SpringFixtures.directory());
          context
              .getBeanFactory()
              .registerSingleton(
                  "runnerProbe",
                  (ApplicationRunner)
                      args -> {
                        atRunner.put(
                            "lifecycle",
                            context.getBean(OutboxDispatcherLifecycle.class).isRunning());
                        atRunner.put(
                            "working", context.getBean(OutboxDispatcherLifecycle.class).working());
                        atRunner.put(
                            "dispatcher", context.getBean(OutboxDispatcher.class).isRunning());
                        atRunner.put(
                            "sweeper", context.getBean(AttachmentSweeper.class).isRunning());
                        atRunner.put("claimed", claims.get() > 0);
                      });
        });
    try (ConfigurableApplicationContext context =
        application.run("--ticketing.outbox.poll-interval=1h", "--spring.main.banner-mode=off")) {
      assertThat(atRunner)
          .containsEntry("lifecycle", true)
          .containsEntry("working", false)
          .containsEntry("dispatcher", false)
          .containsEntry("sweeper", false)
          .containsEntry("claimed", false);
      // Ready: the work runs.
      assertThat(context.getBean(OutboxDispatcherLifecycle.class).working()).isTrue();
      assertThat(context.getBean(OutboxDispatcher.class).isRunning()).isTrue();
      assertThat(context.getBean(AttachmentSweeper.class).isRunning()).isTrue();
      awaitFirstRound();
    }
  }

  /** The ticketing auto-configurations, as a Spring Boot application imports them. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({TicketingAutoConfiguration.class})
  static class ReadyHost {}

  /** Waits for the background thread's first round; with the long poll interval it then idles. */
  private void awaitFirstRound() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (claims.get() < 1) {
      assertThat(System.nanoTime()).as("the dispatcher's first round").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /** The store, with every claim on its outbox counted. */
  private TicketStore counting(InMemoryTicketStore store) {
    OutboxStore outbox =
        (OutboxStore)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {OutboxStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("claimDue")) {
                    claims.incrementAndGet();
                  }
                  return invoke(method, store.outbox(), args);
                });
    return (TicketStore)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {TicketStore.class},
            (proxy, method, args) ->
                method.getName().equals("outbox") && method.getParameterCount() == 0
                    ? outbox
                    : invoke(method, store, args));
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
