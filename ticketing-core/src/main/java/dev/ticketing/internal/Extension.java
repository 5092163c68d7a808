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
  final NotificationExtras extras;
  final Runnable settle;
  final Consumer<EngineHandle> bind;

  Extension(List<ChangeListener> listeners, Enclosure enclosure) {
    this(listeners, enclosure, NotificationExtras.NONE, () -> {}, handle -> {});
  }

  /** With variables added to the notifications the engine routes. */
  Extension(List<ChangeListener> listeners, Enclosure enclosure, NotificationExtras extras) {
    this(listeners, enclosure, extras, () -> {}, handle -> {});
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
    this(listeners, enclosure, NotificationExtras.NONE, settle, bind);
  }

  private Extension(
      List<ChangeListener> listeners,
      Enclosure enclosure,
      NotificationExtras extras,
      Runnable settle,
      Consumer<EngineHandle> bind) {
    this.listeners = List.copyOf(listeners);
    this.enclosure = Objects.requireNonNull(enclosure, "enclosure");
    this.extras = Objects.requireNonNull(extras, "extras");
    this.settle = Objects.requireNonNull(settle, "settle");
    this.bind = Objects.requireNonNull(bind, "bind");
  }

  /**
   * The service over {@code parts} with every extension plugged in: listeners told in list order,
   * units of work nested with the first extension's outermost.
   */
  public static DefaultTicketService service(EngineParts parts, List<Extension> extensions) {
    List<NotificationExtras> extras =
        extensions.stream().map(e -> e.extras).filter(x -> x != NotificationExtras.NONE).toList();
    NotificationExtras all =
        extras.isEmpty()
            ? NotificationExtras.NONE
            : (template, ticket, at) -> {
              java.util.Map<String, String> out = new java.util.HashMap<>();
              extras.forEach(x -> out.putAll(x.variables(template, ticket, at)));
              return out;
            };
    DefaultTicketService service =
        new DefaultTicketService(
            parts, listeners(extensions), nested(extensions), all, settle(extensions));
    extensions.forEach(e -> e.bind.accept(service.handle()));
    return service;
  }

  /** Every extension's end-of-unit step, in list order, as one. */
  static Runnable settle(List<Extension> extensions) {
    List<Runnable> settles = new ArrayList<>();
    extensions.forEach(e -> settles.add(e.settle));
    return () -> settles.forEach(Runnable::run);
  }

  /** Every extension's listeners, in list order. */
  static List<ChangeListener> listeners(List<Extension> extensions) {
    List<ChangeListener> listeners = new ArrayList<>();
    extensions.forEach(e -> listeners.addAll(e.listeners));
    return listeners;
  }

  /** Every extension's unit of work, nested with the first one's outermost. */
  static Enclosure nested(List<Extension> extensions) {
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
