package dev.ticketing.spring.jpa;

import java.io.IOException;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonIntegration;
import org.jspecify.annotations.Nullable;

/**
 * The JSON format mapper Hibernate would pick for the host's persistence unit on a class path with
 * Jackson 3 (and not Jackson 2), made when the first JSON value is read or written instead of while
 * the entity manager factory starts.
 *
 * <p>Jackson 3 is on the class path of every host of the JPA starter, as Flyway needs it; Hibernate
 * finds it there and builds a Jackson mapper, with a scan for Jackson modules, at every start,
 * whether or not the host maps a single JSON column. Deferring it keeps that out of the start-up;
 * a host that does map JSON gets the very mapper Hibernate would have made.
 */
final class DeferredJsonFormatMapper implements FormatMapper {

  private volatile @Nullable FormatMapper delegate;

  /** Whether the mapper was made (a JSON value was read or written). */
  boolean made() {
    return delegate != null;
  }

  private FormatMapper delegate() {
    FormatMapper mapper = delegate;
    if (mapper == null) {
      synchronized (this) {
        mapper = delegate;
        if (mapper == null) {
          mapper = JacksonIntegration.getJsonJackson3FormatMapperOrNull();
          if (mapper == null) {
            throw new IllegalStateException("Jackson 3 is not on the class path");
          }
          delegate = mapper;
        }
      }
    }
    return mapper;
  }

  @Override
  public <T> T fromString(CharSequence charSequence, JavaType<T> javaType, WrapperOptions options) {
    return delegate().fromString(charSequence, javaType, options);
  }

  @Override
  public <T> String toString(T value, JavaType<T> javaType, WrapperOptions options) {
    return delegate().toString(value, javaType, options);
  }

  @Override
  public boolean supportsSourceType(Class<?> sourceType) {
    return delegate().supportsSourceType(sourceType);
  }

  @Override
  public boolean supportsTargetType(Class<?> targetType) {
    return delegate().supportsTargetType(targetType);
  }

  @Override
  public <T> void writeToTarget(
      T value, JavaType<T> javaType, Object target, WrapperOptions options) throws IOException {
    delegate().writeToTarget(value, javaType, target, options);
  }

  @Override
  public <T> T readFromSource(JavaType<T> javaType, Object source, WrapperOptions options)
      throws IOException {
    return delegate().readFromSource(javaType, source, options);
  }
}
