package dev.ticketing.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.internal.CountingTicketStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every method of the store interface, a default one too, reaches the wrapped store through a
 * decorator: the same method, with the same arguments, its answer handed back.
 */
class ForwardingTicketStoreTest {

  private static final class Plain extends ForwardingTicketStore {
    Plain(TicketStore delegate) {
      super(delegate);
    }
  }

  private static List<Method> storeMethods() {
    return Arrays.stream(TicketStore.class.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .toList();
  }

  @Test
  void everyMethodOfTheInterfaceIsOverridden() {
    List<String> missing = new ArrayList<>();
    for (Method m : storeMethods()) {
      try {
        ForwardingTicketStore.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(m.getName());
      }
    }
    assertThat(missing)
        .as("methods answered by the interface's default, not the wrapped store")
        .isEmpty();
  }

  @Test
  void everyCallReachesTheSameMethodOfTheWrappedStoreAndItsAnswerComesBack() throws Exception {
    List<String> reached = new ArrayList<>();
    TicketStore wrapped =
        (TicketStore)
            Proxy.newProxyInstance(
                TicketStore.class.getClassLoader(),
                new Class<?>[] {TicketStore.class},
                (proxy, method, args) -> {
                  reached.add(
                      method.getName() + Arrays.toString(args == null ? new Object[0] : args));
                  return answerFor(method.getReturnType());
                });
    ForwardingTicketStore store = new Plain(wrapped);
    for (Method m : storeMethods()) {
      Object[] args = argumentsFor(m);
      reached.clear();
      Object returned = m.invoke(store, args);
      assertThat(reached).as(m.getName()).containsExactly(m.getName() + Arrays.toString(args));
      if (m.getReturnType().isPrimitive()) {
        assertThat(returned).as(m.getName()).isEqualTo(answerFor(m.getReturnType()));
      } else {
        assertThat(returned).as(m.getName()).isSameAs(answerFor(m.getReturnType()));
      }
    }
    assertThat(store.delegate()).isSameAs(wrapped);
  }

  @Test
  void theEnginesCountingStoreIsOneOfThem() {
    assertThat(ForwardingTicketStore.class).isAssignableFrom(CountingTicketStore.class);
  }

  /** Distinct arguments: a forward that swapped two of them would show. */
  private static Object[] argumentsFor(Method m) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == String.class) {
        args[i] = "arg" + i;
      } else if (t == int.class) {
        args[i] = 10 + i;
      } else if (t == long.class) {
        args[i] = 100L + i;
      } else if (t == boolean.class) {
        args[i] = i % 2 == 0;
      } else {
        args[i] = null;
      }
    }
    return args;
  }

  private static final Map<Class<?>, Object> ANSWERS = new HashMap<>();

  /**
   * One answer per type, the same instance each time: a number for the primitives, an object of
   * its own for interfaces and {@code Object}, a present {@code Optional}; null for records.
   */
  private static Object answerFor(Class<?> type) {
    if (type == void.class) {
      return null;
    }
    if (type == boolean.class) {
      return true;
    }
    if (type == int.class) {
      return 7;
    }
    if (type == long.class) {
      return 7L;
    }
    return ANSWERS.computeIfAbsent(
        type,
        t -> {
          if (t == Object.class) {
            return new Object();
          }
          if (t == Optional.class) {
            return Optional.of("answer");
          }
          if (t.isInterface()) {
            return Proxy.newProxyInstance(
                t.getClassLoader(), new Class<?>[] {t}, (proxy, method, args) -> null);
          }
          return null;
        });
  }
}
