package dev.ticketing.examples.desk;

import dev.ticketing.Ticketing;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.jpa.JpaAutomationStore;
import dev.ticketing.jpa.JpaTransactions;
import dev.ticketing.memory.InMemoryAutomationStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.TicketStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * (extension) Automation rules on: their store on the desk's database (the same transactions as the
 * tickets, so that what a rule does commits with the change), the library's default settings, and
 * the time-rule scheduler started with the application.
 */
@Configuration(proxyBeanMethods = false)
class DeskAutomations {

  @Bean
  AutomationSettings deskAutomationSettings() {
    return AutomationSettings.defaults();
  }

  @Bean
  AutomationStore deskAutomationStore(
      ObjectProvider<JpaTransactions> transactions, TicketStore tickets) {
    JpaTransactions tx = transactions.getIfAvailable();
    if (tx != null) {
      return new JpaAutomationStore(tx);
    }
    return InMemoryAutomationStore.beside((InMemoryTicketStore) tickets);
  }

  @Bean
  SmartLifecycle deskAutomationScheduler(Ticketing ticketing) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        ticketing.automationScheduler().start();
        running = true;
      }

      @Override
      public void stop() {
        ticketing.automationScheduler().close();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
