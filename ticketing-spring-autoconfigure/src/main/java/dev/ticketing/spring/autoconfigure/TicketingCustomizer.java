package dev.ticketing.spring.autoconfigure;

import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.MatrixPolicy;

/**
 * Adjusts what the auto-configuration builds, without replacing the beans: declare one or more as
 * beans (ordered with {@code @Order}). They run after the {@code ticketing.*} properties were
 * applied, so they see and may change the configured matrix; most matrices need no code at all (see
 * {@code ticketing.policy.*}). For example, letting admins read every ticket's history on top of a
 * configured matrix:
 *
 * <pre>{@code
 * @Bean
 * TicketingCustomizer historyForAdmins() {
 *   return new TicketingCustomizer() {
 *     public void customizePolicy(MatrixPolicy.Builder policy) {
 *       policy.grant(Role.ADMIN, Operation.VIEW_HISTORY, Reach.ALL);
 *     }
 *   };
 * }
 * }</pre>
 * @since 0.1.0
 */
public interface TicketingCustomizer {

  /** Changes the default permission matrix (after {@code ticketing.policy.*} was applied). */
  default void customizePolicy(MatrixPolicy.Builder policy) {}

  /** Changes workflow, routing and attachment options (after {@code ticketing.*} was applied). */
  default void customizeOptions(TicketingOptions.Builder options) {}
}
