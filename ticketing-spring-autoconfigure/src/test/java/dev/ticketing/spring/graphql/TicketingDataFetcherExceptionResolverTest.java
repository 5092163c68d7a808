package dev.ticketing.spring.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.ConflictException;
import dev.ticketing.ErrorCode;
import dev.ticketing.NotFoundException;
import dev.ticketing.ValidationException;
import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

/** The library's errors as GraphQL errors, with the code, retryable and the fields. */
class TicketingDataFetcherExceptionResolverTest {

  private final TicketingDataFetcherExceptionResolver resolver =
      new TicketingDataFetcherExceptionResolver();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TicketingGraphQlAutoConfiguration.class));

  private static DataFetchingEnvironment env() {
    return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
        .mergedField(MergedField.newMergedField(Field.newField("createTicket").build()).build())
        .executionStepInfo(
            ExecutionStepInfo.newExecutionStepInfo()
                .type(Scalars.GraphQLString)
                .path(ResultPath.rootPath().segment("createTicket"))
                .build())
        .build();
  }

  private GraphQLError resolve(Throwable e) {
    List<GraphQLError> errors = resolver.resolveException(e, env()).block();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void aValidationErrorNamesItsFields() {
    GraphQLError error = resolve(ValidationException.of("title", "must not be blank"));
    assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
    assertThat(error.getPath()).containsExactly("createTicket");
    assertThat(error.getExtensions())
        .containsEntry("code", "VALIDATION")
        .containsEntry("retryable", false)
        .containsEntry("fields", List.of("title"))
        .containsEntry(
            "violations", List.of(Map.of("field", "title", "message", "must not be blank")));
  }

  @Test
  void everyCodeHasAClassification() {
    assertThat(resolve(new NotFoundException("ticket", "t-1")).getErrorType())
        .isEqualTo(ErrorType.NOT_FOUND);
    GraphQLError conflict = resolve(new ConflictException("t-1"));
    assertThat(conflict.getErrorType()).isEqualTo(TicketingErrorType.CONFLICT);
    assertThat(conflict.getExtensions()).containsEntry("retryable", true);
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(TicketingDataFetcherExceptionResolver.classification(code)).isNotNull();
    }
  }

  @Test
  void otherExceptionsAreLeftToTheNextResolver() {
    assertThat(resolver.resolveException(new IllegalStateException("boom"), env()).block())
        .isNull();
  }

  @Test
  void registeredUnlessSwitchedOffOrAbsent() {
    runner.run(
        context -> assertThat(context).hasSingleBean(TicketingDataFetcherExceptionResolver.class));
    runner
        .withPropertyValues("ticketing.graphql.errors.enabled=false")
        .run(
            context ->
                assertThat(context).doesNotHaveBean(TicketingDataFetcherExceptionResolver.class));
    runner
        .withClassLoader(new FilteredClassLoader(DataFetcherExceptionResolverAdapter.class))
        .run(
            context ->
                assertThat(context).doesNotHaveBean(TicketingDataFetcherExceptionResolver.class));
  }
}
