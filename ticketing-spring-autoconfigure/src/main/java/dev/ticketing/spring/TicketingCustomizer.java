package dev.ticketing.spring;

import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.MatrixPolicy;

/**
 * Adjusts what the auto-configuration builds, without replacing the beans: declare one or more as
 * beans (ordered with {@code @Order}). For example seed 001's permission matrix:
 *
 * <pre>{@code
 * @Bean
 * TicketingCustomizer seed001() {
 *   return new TicketingCustomizer() {
 *     public void customizePolicy(MatrixPolicy.Builder policy) {
 *       policy.revoke(Role.ADMIN, Operation.CREATE_TICKET);
 *     }
 *   };
 * }
 * }</pre>
 */
public interface TicketingCustomizer {

  /** Changes the default permission matrix (after {@code ticketing.policy.*} was applied). */
  default void customizePolicy(MatrixPolicy.Builder policy) {}

  /** Changes workflow, routing and attachment options (after {@code ticketing.*} was applied). */
  default void customizeOptions(TicketingOptions.Builder options) {}
}
