package dev.ticketing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What one capability beside the tickets (SLA clocks, custom fields, automation rules) adds to the
 * service: listeners told of each change inside its unit of work, and its own store's unit of work
 * opened around the ticket store's so that both commit or roll back together. Each capability's
 * wiring makes one; {@link #service} plugs them all into one service.
 */
public final class Extension {

  /** Adds nothing. */
  public static final Extension NONE = new Extension(List.of(), Enclosure.NONE);

  final List<ChangeListener> listeners;
  final Enclosure enclosure;
  final Runnable settle;
  final Consumer<EngineHandle> bind;

  Extension(List<ChangeListener> listeners, Enclosure enclosure) {
    this(listeners, enclosure, () -> {}, handle -> {});
  }

  /**
   * With {@code settle} run at the end of every unit of work, before it commits (automation rules
   * run what the unit's changes fired there), and {@code bind} given the engine's editing parts once
   * the service is built (rules change tickets through them).
   */
  Extension(
      List<ChangeListener> listeners,
      Enclosure enclosure,
      Runnable settle,
      Consumer<EngineHandle> bind) {
    this.listeners = List.copyOf(listeners);
    this.enclosure = Objects.requireNonNull(enclosure, "enclosure");
    this.settle = Objects.requireNonNull(settle, "settle");
    this.bind = Objects.requireNonNull(bind, "bind");
  }

  /**
   * The service over {@code parts} with every extension plugged in: listeners told in list order,
   * units of work nested with the first extension's outermost.
   */
  public static DefaultTicketService service(EngineParts parts, List<Extension> extensions) {
    List<ChangeListener> listeners = new ArrayList<>();
    List<Runnable> settles = new ArrayList<>();
    extensions.forEach(
        e -> {
          listeners.addAll(e.listeners);
          settles.add(e.settle);
        });
    DefaultTicketService service =
        new DefaultTicketService(
            parts, listeners, nested(extensions), () -> settles.forEach(Runnable::run));
    extensions.forEach(e -> e.bind.accept(service.handle()));
    return service;
  }

  private static Enclosure nested(List<Extension> extensions) {
    List<Enclosure> enclosures = new ArrayList<>();
    extensions.stream()
        .map(e -> e.enclosure)
        .filter(e -> e != Enclosure.NONE)
        .forEach(enclosures::add);
    if (enclosures.isEmpty()) {
      return Enclosure.NONE;
    }
    return new Enclosure() {
      @Override
      public <T> T around(Supplier<T> work) {
        Supplier<T> wrapped = work;
        for (int i = enclosures.size() - 1; i >= 0; i--) {
          Enclosure outer = enclosures.get(i);
          Supplier<T> inner = wrapped;
          wrapped = () -> outer.around(inner);
        }
        return wrapped.get();
      }
    };
  }
}
