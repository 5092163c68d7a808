package dev.ticketing.support;

/**
 * Property tests make the service refuse thousands of calls, and it logs every refusal at INFO.
 * Raising the library's log level keeps the build output readable and the runs fast. Only takes
 * effect for loggers created afterwards, and never overrides a level someone set explicitly.
 */
public final class QuietLogs {
  private static final String KEY = "org.slf4j.simpleLogger.log.dev.ticketing";

  private QuietLogs() {}

  public static void install() {
    if (System.getProperty(KEY) == null) {
      System.setProperty(KEY, "warn");
    }
  }
}
