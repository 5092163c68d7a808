package dev.ticketing.spring;

import dev.ticketing.TicketService;
import dev.ticketing.TicketingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Times every {@link TicketService} call as {@code ticketing.operations} tagged with the operation
 * and its outcome ({@code ok} or the error code, in lower case), so dashboards show rates, latency
 * and refusals per operation.
 */
final class MeteredTicketService implements InvocationHandler {
  static final String METER = "ticketing.operations";

  private final TicketService target;
  private final MeterRegistry registry;

  private MeteredTicketService(TicketService target, MeterRegistry registry) {
    this.target = target;
    this.registry = registry;
  }

  static TicketService wrap(TicketService target, MeterRegistry registry) {
    return (TicketService) Proxy.newProxyInstance(TicketService.class.getClassLoader(),
        new Class<?>[] {TicketService.class}, new MeteredTicketService(target, registry));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(target, args);
    }
    Timer.Sample sample = Timer.start(registry);
    String outcome = "ok";
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      outcome = cause instanceof TicketingException t ? t.code().name().toLowerCase(java.util.Locale.ROOT) : "error";
      throw cause;
    } finally {
      sample.stop(Timer.builder(METER)
          .description("Ticket service operations")
          .tag("operation", method.getName())
          .tag("outcome", outcome)
          .register(registry));
    }
  }
}
