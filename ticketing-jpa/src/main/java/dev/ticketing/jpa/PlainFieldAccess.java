package dev.ticketing.jpa;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import org.hibernate.MappingException;
import org.hibernate.PropertyAccessException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.property.access.spi.Getter;
import org.hibernate.property.access.spi.PropertyAccess;
import org.hibernate.property.access.spi.PropertyAccessStrategy;
import org.hibernate.property.access.spi.Setter;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the store's entity attributes through their public fields, as Hibernate's
 * field access does, in a form Hibernate's bytecode library does not generate an accessor class
 * for.
 *
 * <p>Hibernate generates, while the persistence unit starts, one class per entity that reads and
 * writes all its attributes at once, but only when every attribute uses Hibernate's own field or
 * method access. The store's entities are read and written a row at a time, where one reflective
 * field access per column is nothing beside the round trip to the database, so the store's
 * entities use this access instead and the persistence unit starts without generating those
 * classes ({@link TicketingEntitiesWithoutProxies} sets it).
 */
final class PlainFieldAccess implements PropertyAccessStrategy {

  /** The one instance; the strategy keeps no state. */
  static final PlainFieldAccess INSTANCE = new PlainFieldAccess();

  private PlainFieldAccess() {}

  @Override
  public PropertyAccess buildPropertyAccess(
      Class<?> containerJavaType, String propertyName, boolean setterRequired) {
    Field field = field(containerJavaType, propertyName);
    FieldGetter getter = new FieldGetter(field);
    FieldSetter setter = new FieldSetter(field);
    return new PropertyAccess() {
      @Override
      public PropertyAccessStrategy getPropertyAccessStrategy() {
        return INSTANCE;
      }

      @Override
      public Getter getGetter() {
        return getter;
      }

      @Override
      public Setter getSetter() {
        return setter;
      }
    };
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
      try {
        Field field = declaring.getDeclaredField(name);
        field.trySetAccessible();
        return field;
      } catch (NoSuchFieldException e) {
        // declared further up, if anywhere
      }
    }
    throw new MappingException(
        "no field " + name + " on " + type.getName() + " for the ticketing store's field access");
  }

  /** Reads one attribute from its field. */
  private static final class FieldGetter implements Getter {
    private static final long serialVersionUID = 1L;
    private final transient Field field;

    FieldGetter(Field field) {
      this.field = field;
    }

    @Override
    public @Nullable Object get(Object owner) {
      try {
        return field.get(owner);
      } catch (IllegalAccessException e) {
        throw new PropertyAccessException(
            e, "cannot read", false, field.getDeclaringClass(), field.getName());
      }
    }

    @Override
    public @Nullable Object getForInsert(
        Object owner, Map<Object, Object> mergeMap, SharedSessionContractImplementor session) {
      return get(owner);
    }

    @Override
    public Class<?> getReturnTypeClass() {
      return field.getType();
    }

    @Override
    public Type getReturnType() {
      return field.getGenericType();
    }

    @Override
    public Member getMember() {
      return field;
    }

    @Override
    public @Nullable String getMethodName() {
      return null;
    }

    @Override
    public @Nullable Method getMethod() {
      return null;
    }
  }

  /** Writes one attribute to its field. */
  private static final class FieldSetter implements Setter {
    private static final long serialVersionUID = 1L;
    private final transient Field field;

    FieldSetter(Field field) {
      this.field = field;
    }

    @Override
    public void set(Object target, @Nullable Object value) {
      try {
        field.set(target, value);
      } catch (IllegalAccessException | IllegalArgumentException e) {
        throw new PropertyAccessException(
            e, "cannot write", true, field.getDeclaringClass(), field.getName());
      }
    }

    @Override
    public @Nullable String getMethodName() {
      return null;
    }

    @Override
    public @Nullable Method getMethod() {
      return null;
    }
  }
}
