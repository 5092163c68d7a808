package dev.ticketing.spring.observability;

import dev.ticketing.TicketService;
import dev.ticketing.TicketingException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;

/**
 * Observes every {@link TicketService} call as {@value #NAME}, with two low-cardinality keys: the
 * operation (the method's name) and its outcome ({@code ok} or the refusal's code in lower case,
 * {@code error} for anything else). Through the host's observation handlers one call becomes a
 * timer of that name tagged with both keys (Boot's meter handler; it adds an {@code error} tag
 * naming the exception) and a span named {@code ticketing <operation>} (a tracing handler), so
 * dashboards show rates, latency and refusals per operation and traces show the service call
 * inside the request.
 *
 * @since 0.1.0
 */
public final class ObservedTicketService implements InvocationHandler {
  /** The observation's name, and so the timer's. */
  public static final String NAME = "ticketing.operations";

  /** The key naming the operation, for example {@code createTicket}. */
  public static final String OPERATION = "operation";

  /** The key naming the outcome: {@code ok}, a refusal's code such as {@code not_found}, or {@code error}. */
  public static final String OUTCOME = "outcome";

  private final TicketService target;
  private final ObservationRegistry registry;

  private ObservedTicketService(TicketService target, ObservationRegistry registry) {
    this.target = target;
    this.registry = registry;
  }

  /** The service with every call observed in the registry. */
  public static TicketService wrap(TicketService target, ObservationRegistry registry) {
    return (TicketService)
        Proxy.newProxyInstance(
            TicketService.class.getClassLoader(),
            new Class<?>[] {TicketService.class},
            new ObservedTicketService(target, registry));
  }

  /** Whether the service is one {@link #wrap} made, so that it is not observed twice. */
  static boolean isObserved(Object service) {
    return Proxy.isProxyClass(service.getClass())
        && Proxy.getInvocationHandler(service) instanceof ObservedTicketService;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(target, args);
    }
    Observation observation =
        Observation.createNotStarted(NAME, registry)
            .contextualName("ticketing " + method.getName())
            .lowCardinalityKeyValue(OPERATION, method.getName());
    // observeChecked records the exception on the observation and stops it after the outcome is
    // set.
    return observation.observeChecked(
        () -> {
          try {
            Object result = method.invoke(target, args);
            observation.lowCardinalityKeyValue(OUTCOME, "ok");
            return result;
          } catch (InvocationTargetException e) {
            // Reflection always wraps the method's own exception; the fallback only satisfies the
            // type.
            Throwable thrown = e.getCause();
            Throwable cause = thrown == null ? e : thrown;
            observation.lowCardinalityKeyValue(OUTCOME, outcome(cause));
            throw cause;
          }
        });
  }

  private static String outcome(Throwable failure) {
    return failure instanceof TicketingException t
        ? t.code().name().toLowerCase(Locale.ROOT)
        : "error";
  }
}
