package dev.ticketing.jpa;

import dev.ticketing.ConflictException;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.jpa.entity.FieldDefinitionEntity;
import dev.ticketing.spi.FieldDefinitionStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link FieldDefinitionStore} on Jakarta Persistence, in {@code ticketing_field_definition}. Give it
 * the same {@link JpaTransactions} as the {@link JpaTicketStore} so both share units of work. The
 * current definitions are one statement: the rows whose version is the highest of their key.
 *
 * @since 0.2.0
 */
public final class JpaFieldDefinitionStore implements FieldDefinitionStore {

  private final JpaTransactions transactions;

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaFieldDefinitionStore(JpaTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * A store running its own resource-local transactions on the factory.
   *
   * @param factory the store's entity manager factory
   * @return the store
   */
  public static JpaFieldDefinitionStore resourceLocal(EntityManagerFactory factory) {
    return new JpaFieldDefinitionStore(new ResourceLocalTransactions(factory));
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    try {
      return transactions.inTransaction(work);
    } catch (RuntimeException e) {
      throw JpaFailures.isPersistenceFailure(e) ? JpaFailures.translate(e) : e;
    }
  }

  @Override
  public List<FieldDefinition> current() {
    return inTransaction(
        () ->
            em()
                .createQuery(
                    "select d from FieldDefinitionEntity d where d.version = (select max(x.version)"
                        + " from FieldDefinitionEntity x where x.fieldKey = d.fieldKey)"
                        + " order by d.fieldKey",
                    FieldDefinitionEntity.class)
                // Read on customers' pages inside their unit of work: nothing to flush at commit.
                .setHint("org.hibernate.readOnly", true)
                .getResultList()
                .stream()
                .map(JpaFieldDefinitionStore::definition)
                .toList());
  }

  @Override
  public List<FieldDefinition> versions(String key) {
    return inTransaction(
        () ->
            em()
                .createQuery(
                    "select d from FieldDefinitionEntity d where d.fieldKey = :k order by d.version",
                    FieldDefinitionEntity.class)
                .setParameter("k", key)
                .getResultList()
                .stream()
                .map(JpaFieldDefinitionStore::definition)
                .toList());
  }

  @Override
  public void append(FieldDefinition d) {
    inTransaction(
        () -> {
          EntityManager em = em();
          FieldDefinitionEntity.Key id = new FieldDefinitionEntity.Key();
          id.fieldKey = d.key();
          id.version = d.version();
          if (em.find(FieldDefinitionEntity.class, id) != null) {
            throw new ConflictException(d.key());
          }
          em.persist(entity(d));
          em.flush(); // a concurrent insert of the same version fails here, as a conflict
          return null;
        });
  }

  private EntityManager em() {
    return transactions.entityManager();
  }

  private static FieldDefinitionEntity entity(FieldDefinition d) {
    FieldDefinitionEntity e = FieldDefinitionEntity.create();
    e.fieldKey = d.key();
    e.version = d.version();
    e.label = d.label();
    e.fieldType = d.type().name();
    e.category = d.category();
    e.required = d.required();
    e.visibility = d.visibility().name();
    e.choices = d.choices().isEmpty() ? null : String.join("\n", d.choices());
    e.pattern = d.pattern();
    e.active = d.active();
    e.changedAt = d.changedAt();
    e.changedBy = d.changedBy();
    return e;
  }

  private static FieldDefinition definition(FieldDefinitionEntity e) {
    return new FieldDefinition(
        e.fieldKey,
        e.label,
        FieldType.valueOf(e.fieldType),
        e.category,
        e.required,
        FieldVisibility.valueOf(e.visibility),
        e.choices == null ? List.of() : Arrays.asList(e.choices.split("\n", -1)),
        e.pattern,
        e.active,
        e.version,
        e.changedAt,
        e.changedBy);
  }
}
