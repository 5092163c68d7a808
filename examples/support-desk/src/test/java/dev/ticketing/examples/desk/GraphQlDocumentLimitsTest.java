package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.ExecutionInput;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** How a document is measured, on the desk's schema: fields, aliases, depth, cost and mutations. */
class GraphQlDocumentLimitsTest {
  static final GraphQLSchema SCHEMA = schema();

  static GraphQLSchema schema() {
    try (InputStream in =
        GraphQlDocumentLimitsTest.class.getResourceAsStream("/graphql/schema.graphqls")) {
      String sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new SchemaGenerator()
          .makeExecutableSchema(
              new SchemaParser().parse(sdl),
              RuntimeWiring.newRuntimeWiring().scalar(GraphQlScalars.DATE_TIME).build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static DeskLimits limits(int depth, int fields, int aliases, int cost, int mutations) {
    return new DeskLimits(
        new DeskLimits.Http(DataSize.ofKilobytes(256)),
        new DeskLimits.GraphQl(
            20_000, 5_000, depth, fields, aliases, cost, 10, mutations, Duration.ofSeconds(10)),
        new DeskLimits.Writes(60, Duration.ofMinutes(1)),
        new DeskLimits.Login(10, Duration.ofMinutes(15), 50, Duration.ofMinutes(15), 1000, 10),
        new DeskLimits.Ratings(20, Duration.ofMinutes(15)));
  }

  static GraphQlDocumentLimits.Measure measure(String document) {
    return new GraphQlDocumentLimits(limits(10, 500, 20, 2500, 5))
        .measure(Parser.parse(document), SCHEMA, null);
  }

  @Test
  @DisplayName(
      "fields and aliases are counted as written, repeats included; depth is the deepest field")
  void fieldsAliasesDepth() {
    GraphQlDocumentLimits.Measure m =
        measure("{ a: myTickets { id id b: title user { role { name } } } }");
    assertThat(m.fields()).isEqualTo(7);
    assertThat(m.aliases()).isEqualTo(2);
    assertThat(m.depth()).isEqualTo(4);
  }

  @Test
  @DisplayName("cost: 1 per field, the selection under a list field times the list factor (10)")
  void cost() {
    // myTickets: 1 + 10 * (id + comments(1 + 10 * (id)))
    assertThat(measure("{ myTickets { id comments { id } } }").cost())
        .isEqualTo(1 + 10 * (1 + (1 + 10)));
    // An object field does not multiply: ticket 1 + (id 1 + user (1 + 1))
    assertThat(measure("{ ticket(id: \"x\") { id user { id } } }").cost()).isEqualTo(4);
  }

  @Test
  @DisplayName(
      "fragments and inline fragments are expanded, each fragment measured once; cycles end the walk")
  void fragments() {
    GraphQlDocumentLimits.Measure m =
        measure(
            """
        { myTickets { ...T ... on Ticket { title } } ticket(id: "x") { ...T } }
        fragment T on Ticket { id user { id } }""");
    assertThat(m.fields()).isEqualTo(2 + 3 + 1 + 3);
    assertThat(m.depth()).isEqualTo(3);
    GraphQlDocumentLimits.Measure cyclic =
        measure(
            """
        { myTickets { ...A } }
        fragment A on Ticket { id ...B }
        fragment B on Ticket { title ...A }""");
    assertThat(cyclic.fields()).isEqualTo(3);
  }

  @Test
  @DisplayName("introspection counts its fields but one level of depth and one of cost")
  void introspection() {
    GraphQlDocumentLimits.Measure m =
        measure("{ __schema { types { name fields { name type { name ofType { name } } } } } }");
    assertThat(m.depth()).isEqualTo(1);
    assertThat(m.cost()).isEqualTo(1);
    assertThat(m.fields()).isEqualTo(9);
  }

  @Test
  @DisplayName("mutations are the operation's top-level fields, through fragments")
  void mutations() {
    assertThat(
            measure(
                    """
        mutation { a: deleteTicket(id: "1") { id } ...M }
        fragment M on Mutation { b: deleteTicket(id: "2") { id } c: deleteTicket(id: "3") { id } }""")
                .mutations())
        .isEqualTo(3);
    assertThat(measure("{ myTickets { id } }").mutations()).isZero();
  }

  @Test
  @DisplayName(
      "a document over a limit is refused with one coded error per limit; one within passes unchanged")
  void refusal() {
    GraphQlDocumentLimits strict = new GraphQlDocumentLimits(limits(2, 500, 20, 2500, 5));
    Document deep = Parser.parse("{ myTickets { user { role { name } } } }");
    InstrumentationExecutionParameters parameters =
        new InstrumentationExecutionParameters(
            ExecutionInput.newExecutionInput("{ x }").build(), SCHEMA);
    DocumentAndVariables input =
        DocumentAndVariables.newDocumentAndVariables().document(deep).variables(Map.of()).build();
    assertThatThrownBy(() -> strict.instrumentDocumentAndVariables(input, parameters, null))
        .isInstanceOfSatisfying(
            AbortExecutionException.class,
            e -> {
              assertThat(e.getUnderlyingErrors())
                  .singleElement()
                  .satisfies(
                      error -> {
                        assertThat(error.getExtensions())
                            .containsEntry("code", "QUERY_TOO_COMPLEX")
                            .containsEntry("limit", "depth")
                            .containsEntry("max", 2L)
                            .containsEntry("actual", 4L);
                      });
            });
    DocumentAndVariables shallow =
        DocumentAndVariables.newDocumentAndVariables()
            .document(Parser.parse("{ myTickets { id } }"))
            .variables(Map.of())
            .build();
    assertThat(strict.instrumentDocumentAndVariables(shallow, parameters, null)).isSameAs(shallow);
  }
}
