package dev.ticketing.examples.desk;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a GraphQL document that is too big for its worth before it is validated or run:
 * validation of field merging grows with the square of repeated fields, and execution with aliases
 * and nested lists. Measured on the document as written, fragments expanded (each fragment measured
 * once, so a fragment bomb costs no more to measure than to read):
 *
 * <ul>
 *   <li><b>fields</b>: every field selection, repeats included ({@code max-fields});
 *   <li><b>aliases</b>: every aliased field ({@code max-aliases});
 *   <li><b>depth</b>: the deepest nesting of fields ({@code max-depth}); introspection ({@code
 *       __schema}, {@code __type}) counts as one level, graphql-java bounds what lies below;
 *   <li><b>cost</b>: each field costs 1, and what is selected under a list field counts {@code
 *       list-factor} times ({@code max-cost}); introspection costs 1;
 *   <li><b>mutations</b>: the mutation fields of the operation ({@code max-mutations}).
 * </ul>
 *
 * <p>A refused document is answered with one error per limit exceeded, {@code extensions.code
 * QUERY_TOO_COMPLEX}, the limit's name, its maximum and the measured value; nothing is run.
 */
final class GraphQlDocumentLimits implements Instrumentation {
  static final String CODE = "QUERY_TOO_COMPLEX";

  /** Above every limit: sums stop growing here, so that no document can overflow them. */
  private static final long CAP = 1L << 40;

  private final DeskLimits.GraphQl limits;

  GraphQlDocumentLimits(DeskLimits limits) {
    this.limits = limits.graphql();
  }

  @Override
  public DocumentAndVariables instrumentDocumentAndVariables(
      DocumentAndVariables documentAndVariables,
      InstrumentationExecutionParameters parameters,
      InstrumentationState state) {
    Measure measure =
        measure(
            documentAndVariables.getDocument(), parameters.getSchema(), parameters.getOperation());
    List<GraphQLError> exceeded = new ArrayList<>();
    check(exceeded, "depth", limits.maxDepth(), measure.depth());
    check(exceeded, "fields", limits.maxFields(), measure.fields());
    check(exceeded, "aliases", limits.maxAliases(), measure.aliases());
    check(exceeded, "cost", limits.maxCost(), measure.cost());
    check(exceeded, "mutations", limits.maxMutations(), measure.mutations());
    if (!exceeded.isEmpty()) {
      throw new AbortExecutionException(exceeded);
    }
    return documentAndVariables;
  }

  private static void check(List<GraphQLError> exceeded, String limit, long max, long actual) {
    if (actual > max) {
      Map<String, Object> extensions = new LinkedHashMap<>();
      extensions.put("code", CODE);
      extensions.put("limit", limit);
      extensions.put("max", max);
      extensions.put("actual", actual >= CAP ? "more than " + CAP : actual);
      exceeded.add(
          GraphqlErrorBuilder.newError()
              .message("the document exceeds the " + limit + " limit of " + max)
              .errorType(DeskErrorType.QUERY_TOO_COMPLEX)
              .extensions(extensions)
              .build());
    }
  }

  /** What a document costs. */
  record Measure(long fields, long aliases, long depth, long cost, long mutations) {}

  /**
   * The measure of the operation named {@code operationName}, or, without a name, the largest of each
   * figure over the document's operations (only one of them can run, but which one is not known yet).
   */
  Measure measure(Document document, GraphQLSchema schema, @Nullable String operationName) {
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    List<OperationDefinition> operations = new ArrayList<>();
    for (Definition<?> d : document.getDefinitions()) {
      if (d instanceof FragmentDefinition f) {
        fragments.putIfAbsent(f.getName(), f);
      } else if (d instanceof OperationDefinition o
          && (operationName == null || operationName.equals(o.getName()))) {
        operations.add(o);
      }
    }
    Walk walk = new Walk(schema, fragments, limits.listFactor());
    long fields = 0;
    long aliases = 0;
    long depth = 0;
    long cost = 0;
    long mutations = 0;
    for (OperationDefinition o : operations) {
      GraphQLFieldsContainer root =
          switch (o.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
          };
      Totals t = walk.selections(o.getSelectionSet(), root, new HashSet<>());
      fields = Math.max(fields, t.fields());
      aliases = Math.max(aliases, t.aliases());
      depth = Math.max(depth, t.depth());
      cost = Math.max(cost, t.cost());
      if (o.getOperation() == OperationDefinition.Operation.MUTATION) {
        mutations = Math.max(mutations, walk.rootFields(o.getSelectionSet(), new HashSet<>()));
      }
    }
    return new Measure(fields, aliases, depth, cost, mutations);
  }

  private record Totals(long fields, long aliases, long depth, long cost) {
    static final Totals NONE = new Totals(0, 0, 0, 0);

    Totals plus(Totals o) {
      return new Totals(
          add(fields, o.fields),
          add(aliases, o.aliases),
          Math.max(depth, o.depth),
          add(cost, o.cost));
    }
  }

  /** One pass over a document; a fragment's totals are computed once and reused wherever it is spread. */
  private static final class Walk {
    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final long listFactor;
    private final Map<String, Totals> fragmentTotals = new HashMap<>();
    private final Map<String, Long> fragmentRootFields = new HashMap<>();

    Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, long listFactor) {
      this.schema = schema;
      this.fragments = fragments;
      this.listFactor = listFactor;
    }

    Totals selections(
        @Nullable SelectionSet set, @Nullable GraphQLType parent, Set<String> spreading) {
      Totals totals = Totals.NONE;
      if (set == null) {
        return totals;
      }
      for (Selection<?> s : set.getSelections()) {
        if (s instanceof Field f) {
          totals = totals.plus(field(f, parent, spreading));
        } else if (s instanceof InlineFragment i) {
          GraphQLType type =
              i.getTypeCondition() == null
                  ? parent
                  : schema.getType(i.getTypeCondition().getName());
          totals = totals.plus(selections(i.getSelectionSet(), type, spreading));
        } else if (s instanceof FragmentSpread spread) {
          totals = totals.plus(fragment(spread.getName(), spreading));
        }
      }
      return totals;
    }

    private Totals field(Field f, @Nullable GraphQLType parent, Set<String> spreading) {
      long alias = f.getAlias() == null ? 0 : 1;
      if (f.getName().equals("__schema") || f.getName().equals("__type")) {
        // Introspection: graphql-java's good-faith check bounds its shape; count its fields, not
        // its depth or cost.
        Totals inside = selections(f.getSelectionSet(), null, spreading);
        return new Totals(add(1, inside.fields()), add(alias, inside.aliases()), 1, 1);
      }
      GraphQLType type = null;
      if (parent instanceof GraphQLFieldsContainer container) {
        GraphQLFieldDefinition definition = container.getFieldDefinition(f.getName());
        type = definition == null ? null : definition.getType();
      }
      Totals inside =
          selections(
              f.getSelectionSet(),
              type == null ? null : GraphQLTypeUtil.unwrapAll(type),
              spreading);
      long below = isList(type) ? multiply(listFactor, inside.cost()) : inside.cost();
      return new Totals(
          add(1, inside.fields()),
          add(alias, inside.aliases()),
          add(1, inside.depth()),
          add(1, below));
    }

    private Totals fragment(String name, Set<String> spreading) {
      Totals known = fragmentTotals.get(name);
      if (known != null) {
        return known;
      }
      FragmentDefinition definition = fragments.get(name);
      if (definition == null || !spreading.add(name)) {
        return Totals.NONE; // unknown or cyclic: validation refuses the document after this
      }
      Totals t =
          selections(
              definition.getSelectionSet(),
              schema.getType(definition.getTypeCondition().getName()),
              spreading);
      spreading.remove(name);
      fragmentTotals.put(name, t);
      return t;
    }

    /** The fields at the top of an operation, through fragments. */
    long rootFields(@Nullable SelectionSet set, Set<String> spreading) {
      long count = 0;
      if (set == null) {
        return count;
      }
      for (Selection<?> s : set.getSelections()) {
        if (s instanceof Field) {
          count = add(count, 1);
        } else if (s instanceof InlineFragment i) {
          count = add(count, rootFields(i.getSelectionSet(), spreading));
        } else if (s instanceof FragmentSpread spread) {
          Long known = fragmentRootFields.get(spread.getName());
          FragmentDefinition definition = fragments.get(spread.getName());
          if (known == null && definition != null && spreading.add(spread.getName())) {
            known = rootFields(definition.getSelectionSet(), spreading);
            spreading.remove(spread.getName());
            fragmentRootFields.put(spread.getName(), known);
          }
          count = add(count, known == null ? 0 : known);
        }
      }
      return count;
    }

    private static boolean isList(@Nullable GraphQLType type) {
      GraphQLType t = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
      return t instanceof GraphQLList;
    }
  }

  private static long add(long a, long b) {
    return Math.min(CAP, a + b);
  }

  private static long multiply(long a, long b) {
    return a != 0 && b > CAP / a ? CAP : Math.min(CAP, a * b);
  }
}
