package dev.ticketing.examples.desk;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The {@code DateTime} scalar: {@link Instant}s as ISO-8601 UTC text ({@code 2025-10-07T10:30:00Z}). */
@Configuration(proxyBeanMethods = false)
class GraphQlScalars {

  static final GraphQLScalarType DATE_TIME =
      GraphQLScalarType.newScalar()
          .name("DateTime")
          .description("An instant in ISO-8601 UTC")
          .coercing(new InstantCoercing())
          .build();

  @Bean
  RuntimeWiringConfigurer deskScalars() {
    return wiring -> wiring.scalar(DATE_TIME);
  }

  private static final class InstantCoercing implements Coercing<Instant, String> {
    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
      if (value instanceof Instant instant) {
        return instant.toString(); // ISO-8601 in UTC, with a fraction only when there is one
      }
      throw new CoercingSerializeException("not an Instant: " + value.getClass().getName());
    }

    @Override
    public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
      if (input instanceof String text) {
        Instant parsed = parse(text);
        if (parsed != null) {
          return parsed;
        }
      }
      throw new CoercingParseValueException(
          "expected an ISO-8601 date-time with offset, such as 2025-10-07T10:30:00Z");
    }

    @Override
    public Instant parseLiteral(
        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      if (input instanceof StringValue text) {
        Instant parsed = parse(text.getValue());
        if (parsed != null) {
          return parsed;
        }
      }
      throw new CoercingParseLiteralException(
          "expected an ISO-8601 date-time with offset, such as 2025-10-07T10:30:00Z");
    }

    private static @Nullable Instant parse(String text) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }
}
