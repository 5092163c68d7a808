package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketRecord;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ticket's requester apart from its creator, its followers and its CCs: kept as written, changed
 * under the ticket's version, and deciding the "own" scope (the requester) and a customer's scope
 * (the requester or a CC, within their company) of every listing and count.
 *
 * @since 0.1.0
 */
public abstract class RequesterAndParticipantsContract extends StoreContractFixture {

  /** Raised by the admin for Alice; Bob is copied. */
  private TicketRecord forAlice;

  /** Raised by Bob for himself. */
  private TicketRecord bobsOwn;

  /** Raised by the admin for Bob, following agents Ann and Ben. */
  private TicketRecord forBob;

  /** Raised by Carol of Globex, who may not be copied on Acme's tickets and is not. */
  private TicketRecord carols;

  @BeforeEach
  void insertFixture() {
    forAlice =
        ticket(acme, admin, T0)
            .edit()
            .requesterId(alice)
            .ccIds(List.of(bob))
            .followerIds(List.of(ann))
            .build();
    bobsOwn = ticket(acme, bob, T0.plusSeconds(1));
    forBob =
        ticket(acme, admin, T0.plusSeconds(2))
            .edit()
            .requesterId(bob)
            .followerIds(List.of(ben, ann))
            .build();
    carols = ticket(globex, carol, T0.plusSeconds(3));
    insert(forAlice, bobsOwn, forBob, carols);
  }

  @Test
  void requesterFollowersAndCcsReadBackAsWritten() {
    TicketRecord read = found(forAlice.id());
    assertThat(read.createdBy()).isEqualTo(admin);
    assertThat(read.requesterId()).isEqualTo(alice);
    assertThat(read.ccIds()).containsExactly(bob);
    assertThat(read.followerIds()).containsExactly(ann);
    assertThat(normalized(read)).isEqualTo(normalized(forAlice));
    // Sorted, each once, whatever order they were given in.
    assertThat(found(forBob.id()).followerIds())
        .isEqualTo(List.of(ann, ben).stream().sorted().toList());
    assertThat(found(bobsOwn.id()).requesterId()).isEqualTo(bob);
    assertThat(found(bobsOwn.id()).ccIds()).isEmpty();
  }

  @Test
  void aListedTicketCarriesItsParticipants() {
    TicketRecord listed =
        store().list(everything()).stream()
            .map(r -> r.ticket())
            .filter(t -> t.id().equals(forAlice.id()))
            .findFirst()
            .orElseThrow();
    assertThat(normalized(listed)).isEqualTo(normalized(forAlice));
  }

  @Test
  void participantsChangeUnderTheTicketsVersion() {
    TicketRecord stored =
        tx(
            () ->
                store()
                    .updateTicket(
                        forAlice.edit().ccIds(List.of()).followerIds(List.of(ann, ben)).build()));
    assertThat(stored.version()).isEqualTo(forAlice.version() + 1);
    TicketRecord read = found(forAlice.id());
    assertThat(read.ccIds()).isEmpty();
    assertThat(read.followerIds()).containsExactlyInAnyOrder(ann, ben);
    // Bob is no longer copied: his customer scope loses the ticket at once.
    assertThat(listIds(query(VisibilityScope.requestedByOrCopied(bob, acme), TicketFilter.none())))
        .doesNotContain(forAlice.id());
  }

  @Test
  void theOwnScopeIsTheRequesterNotTheCreator() {
    assertThat(listIds(query(VisibilityScope.requestedBy(alice, acme), TicketFilter.none())))
        .containsExactly(forAlice.id());
    assertThat(listIds(query(VisibilityScope.requestedBy(admin, null), TicketFilter.none())))
        .isEmpty();
    assertThat(listIds(query(VisibilityScope.requestedBy(bob, acme), TicketFilter.none())))
        .containsExactly(forBob.id(), bobsOwn.id());
  }

  @Test
  void aCustomersScopeIsWhatTheyRequestedAndWhatCopiesThem() {
    VisibilityScope bobs = VisibilityScope.requestedByOrCopied(bob, acme);
    assertThat(listIds(query(bobs, TicketFilter.none())))
        .containsExactly(forBob.id(), bobsOwn.id(), forAlice.id());
    assertThat(store().count(query(bobs, TicketFilter.none()))).isEqualTo(3);
    assertThat(store().stats(bobs, null).total()).isEqualTo(3);
    // Alice is copied nowhere: her tickets only.
    assertThat(
            listIds(query(VisibilityScope.requestedByOrCopied(alice, acme), TicketFilter.none())))
        .containsExactly(forAlice.id());
    // A follower is not a CC, and a CC of another company sees nothing there.
    assertThat(listIds(query(VisibilityScope.requestedByOrCopied(ann, acme), TicketFilter.none())))
        .isEmpty();
    assertThat(
            listIds(query(VisibilityScope.requestedByOrCopied(bob, globex), TicketFilter.none())))
        .isEmpty();
  }

  /**
   * A customer's pages walk their own tickets and those that copy them as one list, in order, each
   * ticket once (also one they requested and are copied on), with the same total, capped total and
   * search as the unpaged list: a store may read the two parts apart.
   */
  @Test
  void aCustomersPagesWalkTheirOwnAndCopiedTicketsAsOneList() {
    List<TicketRecord> more = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      TicketRecord t = ticket(acme, admin, T0.plusSeconds(10 + i / 2));
      TicketRecord.Builder edit = t.edit().requesterId(i % 3 == 0 ? bob : alice);
      if (i % 3 != 1) {
        edit.ccIds(List.of(bob, ann)).title(i % 2 == 0 ? "Invoice copy " + i : t.title());
      }
      more.add(edit.build());
    }
    insert(more.toArray(TicketRecord[]::new));
    VisibilityScope bobs = VisibilityScope.requestedByOrCopied(bob, acme);
    List<String> all = listIds(query(bobs, TicketFilter.none()));
    // forBob, bobsOwn and forAlice, and the five of the seven that are Bob's or copy him.
    assertThat(all).hasSize(8).doesNotHaveDuplicates();
    for (SortOrder order : SortOrder.values()) {
      List<String> walked = new java.util.ArrayList<>();
      dev.ticketing.spi.Keyset after = null;
      while (true) {
        List<dev.ticketing.spi.TicketRow> page =
            store().list(query(bobs, TicketFilter.none(), order, after, 3));
        page.forEach(r -> walked.add(r.ticket().id()));
        if (page.size() < 3) {
          break;
        }
        TicketRecord last = page.get(page.size() - 1).ticket();
        after = new dev.ticketing.spi.Keyset(last.createdAt(), last.id());
      }
      assertThat(walked)
          .as(order.name())
          .containsExactlyElementsOf(order == SortOrder.NEWEST_FIRST ? all : reversed(all));
    }
    assertThat(store().count(query(bobs, TicketFilter.none()))).isEqualTo(8);
    assertThat(store().countAtMost(query(bobs, TicketFilter.none()), 5)).isEqualTo(5);
    assertThat(store().countAtMost(query(bobs, TicketFilter.none()), 100)).isEqualTo(8);
    TicketFilter invoices = TicketFilter.builder().searchTerm("invoice").build();
    List<String> expected =
        more.stream()
            .filter(t -> t.title().startsWith("Invoice"))
            .filter(t -> t.requesterId().equals(bob) || t.ccIds().contains(bob))
            .sorted(
                java.util.Comparator.comparing(TicketRecord::createdAt)
                    .thenComparing(TicketRecord::id)
                    .reversed())
            .map(TicketRecord::id)
            .toList();
    assertThat(expected).isNotEmpty();
    assertThat(listIds(query(bobs, invoices))).containsExactlyElementsOf(expected);
    assertThat(store().count(query(bobs, invoices))).isEqualTo(expected.size());
  }

  private static List<String> reversed(List<String> ids) {
    List<String> copy = new java.util.ArrayList<>(ids);
    java.util.Collections.reverse(copy);
    return copy;
  }

  @Test
  void aCcIsMatchedWholeNeverAsAPattern() {
    // Ids may hold '_' and other characters that SQL patterns treat specially.
    String underscored = "cc_1." + newId();
    String lookalike = "ccx1." + underscored.substring(5);
    TicketRecord t =
        ticket(acme, admin, T0.plusSeconds(10))
            .edit()
            .requesterId(alice)
            .ccIds(List.of(underscored))
            .build();
    insert(t);
    assertThat(
            listIds(
                query(VisibilityScope.requestedByOrCopied(lookalike, acme), TicketFilter.none())))
        .isEmpty();
    assertThat(
            listIds(
                query(
                    VisibilityScope.requestedByOrCopied(
                        underscored.substring(0, underscored.length() - 1), acme),
                    TicketFilter.none())))
        .isEmpty();
    assertThat(
            listIds(
                query(VisibilityScope.requestedByOrCopied(underscored, acme), TicketFilter.none())))
        .containsExactly(t.id());
  }

  @Test
  void theRequesterFilterListsOnlyTheirTickets() {
    TicketFilter bobs = TicketFilter.builder().requesterId(bob).build();
    assertThat(listIds(query(VisibilityScope.EVERYTHING, bobs)))
        .containsExactly(forBob.id(), bobsOwn.id());
    assertThat(
            listIds(
                query(VisibilityScope.EVERYTHING, bobs, SortOrder.OLDEST_FIRST, null, MAX_LIMIT)))
        .containsExactly(bobsOwn.id(), forBob.id());
    assertThat(store().count(query(VisibilityScope.EVERYTHING, bobs))).isEqualTo(2);
    // The creator filter still means who raised it.
    assertThat(
            listIds(
                query(VisibilityScope.EVERYTHING, TicketFilter.builder().createdBy(admin).build())))
        .containsExactly(forBob.id(), forAlice.id());
  }
}
