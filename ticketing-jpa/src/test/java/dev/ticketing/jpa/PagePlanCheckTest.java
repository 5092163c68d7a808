package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plan checker on plans the databases printed for page queries. */
class PagePlanCheckTest {

  /** MariaDB 10.11 on the row-value position {@code (created_at, id) < (?, ?)}: the whole index from the newest row. */
  private static final String MARIADB_ROW_VALUE =
      """
      { "query_block": { "select_id": 1, "nested_loop": [ { "table": { "table_name": "t",
        "access_type": "index", "key": "ix_ticket_created", "key_length": "522", "rows": 21, "filtered": 100,
        "attached_condition": "t.deleted_at is null and (t.created_at,t.`id`) < <cache>(('2024-02-20 00:00:00','t015000'))"
      } } ] } }""";

  /** The same page with the expanded position: a range entered at the position. */
  private static final String MARIADB_EXPANDED =
      """
      { "query_block": { "select_id": 1, "nested_loop": [ { "table": { "table_name": "t",
        "access_type": "range", "possible_keys": ["PRIMARY", "ix_ticket_created"], "key": "ix_ticket_created",
        "key_length": "522", "used_key_parts": ["created_at", "id"], "rows": 14971, "filtered": 100,
        "index_condition": "t.created_at <= '2024-02-20 00:00:00'" } } ] } }""";

  /** Unassigned tickets after a position, planned as ref on the null assignee: every unassigned ticket. */
  private static final String MARIADB_REF_ON_LEADING_COLUMN =
      """
      { "query_block": { "select_id": 1, "nested_loop": [ { "table": { "table_name": "t",
        "access_type": "ref", "key": "ix_ticket_assignee", "key_length": "515", "used_key_parts": ["assignee_id"],
        "ref": ["const"], "rows": 14547, "filtered": 50 } } ] } }""";

  /** A range on (created_by, created_at) that MariaDB then sorts. */
  private static final String MARIADB_FILESORT =
      """
      { "query_block": { "select_id": 1, "nested_loop": [ { "read_sorted_file": { "filesort": {
        "sort_key": "t.created_at, t.`id`", "table": { "table_name": "t", "access_type": "range",
        "key": "ix_ticket_creator", "key_length": "1036", "rows": 45 } } } } ] } }""";

  /** A rare status of one company: one ticket found by equalities on the statistics index, then sorted. */
  private static final String MARIADB_SMALL_LOOKUP_SORTED =
      """
      { "query_block": { "select_id": 1, "nested_loop": [ { "read_sorted_file": { "filesort": {
        "sort_key": "t.created_at desc, t.`id` desc", "table": { "table_name": "t", "access_type": "ref",
        "key": "ix_ticket_company_stats", "key_length": "653", "used_key_parts": ["company_id", "deleted_at", "status"],
        "ref": ["const", "const", "const"], "rows": 1, "filtered": 10 } } } } ] } }""";

  /** The same plan shape when the equalities match thousands of tickets: every one is read and sorted. */
  private static final String MARIADB_LARGE_LOOKUP_SORTED =
      MARIADB_SMALL_LOOKUP_SORTED.replace("\"rows\": 1,", "\"rows\": 4000,");

  @Test
  void aHandfulOfTicketsFoundByEqualitiesMayBeSortedButThousandsMayNot() {
    assertThat(PagePlanCheck.mariadb(MARIADB_SMALL_LOOKUP_SORTED, true)).isEmpty();
    assertThat(PagePlanCheck.mariadb(MARIADB_LARGE_LOOKUP_SORTED, true))
        .containsExactly(
            "sorts (filesort)",
            "reads ix_ticket_company_stats, not an index ending in (created_at, id)");
  }

  @Test
  void theRowValuePositionOnMariaDbWalksTheIndexFromItsFirstEntry() {
    assertThat(PagePlanCheck.mariadb(MARIADB_ROW_VALUE, true))
        .containsExactly("walks ix_ticket_created from its first entry (access type index)");
  }

  @Test
  void theExpandedPositionOnMariaDbSeeks() {
    assertThat(PagePlanCheck.mariadb(MARIADB_EXPANDED, true)).isEmpty();
  }

  @Test
  void aFirstPageMayWalkTheNewestFirstIndexInOrder() {
    assertThat(PagePlanCheck.mariadb(MARIADB_ROW_VALUE, false)).isEmpty();
  }

  @Test
  void aRefOnTheLeadingColumnAloneWalksEveryRowOfThatValue() {
    assertThat(PagePlanCheck.mariadb(MARIADB_REF_ON_LEADING_COLUMN, true))
        .singleElement()
        .asString()
        .startsWith("ref on ix_ticket_assignee bounds only its leading column");
  }

  @Test
  void aFilesortFails() {
    assertThat(PagePlanCheck.mariadb(MARIADB_FILESORT, true)).containsExactly("sorts (filesort)");
  }

  @Test
  void aPostgresqlSortOfManyRowsAndAnUnboundedIndexScanFail() {
    String plan =
        """
        [ { "Plan": { "Node Type": "Limit", "Plan Rows": 21, "Plans": [ { "Node Type": "Sort", "Plan Rows": 5000,
          "Plans": [ { "Node Type": "Index Scan", "Index Name": "ix_ticket_status", "Plan Rows": 5000,
          "Index Cond": "((status)::text = 'OPEN'::text)" } ] } ] } } ]""";
    assertThat(PagePlanCheck.postgresql(plan, true))
        .containsExactly(
            "sorts (Sort of 5000 rows)",
            "walks ix_ticket_status from its first entry (no Index Cond on created_at)");
  }

  @Test
  void aPostgresqlIndexScanBoundedAtThePositionSeeks() {
    String plan =
        """
        [ { "Plan": { "Node Type": "Limit", "Plan Rows": 21, "Plans": [ { "Node Type": "Index Scan",
          "Index Name": "ix_ticket_creator", "Plan Rows": 400,
          "Index Cond": "(((created_by)::text = 'u7'::text) AND (created_at <= '2025-01-27 01:00:00+00'::timestamp with time zone))" } ] } } ]""";
    assertThat(PagePlanCheck.postgresql(plan, true)).isEmpty();
  }

  @Test
  void anH2PlanSeeksWhenItsIndexConditionBoundsCreatedAtAndTheIndexSorts() {
    String seeks =
        "SELECT \"T\".\"ID\" FROM \"PUBLIC\".\"TICKETING_TICKET\" \"T\" /* PUBLIC.IX_TICKET_CREATED: CREATED_AT <= ?1 */"
            + " WHERE \"T\".\"CREATED_AT\" <= ?1 ORDER BY 1 DESC /* index sorted */";
    String walks =
        "SELECT \"T\".\"ID\" FROM \"PUBLIC\".\"TICKETING_TICKET\" \"T\" /* PUBLIC.IX_TICKET_CREATED */"
            + " WHERE (\"T\".\"CREATED_AT\", \"T\".\"ID\") < (?1, ?2) ORDER BY 1 DESC /* index sorted */";
    assertThat(PagePlanCheck.h2(seeks, true)).isEmpty();
    assertThat(PagePlanCheck.h2(walks, true))
        .singleElement()
        .asString()
        .startsWith("walks IX_TICKET_CREATED");
  }
}
