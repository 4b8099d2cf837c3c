package io.pipewright.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logging of the app, set up in code: warnings and errors of Pipewright and its libraries on
 * stderr; the command line speaks through its own output. Logback finds this class through
 * {@code META-INF/services} before it would look for (and parse) an XML file, which takes a
 * quarter of a second at every start.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /** The loggers of the Azure SDK's libraries. */
  static final java.util.List<String> AZURE_SDK_LOGGERS = java.util.List.of("com.azure", "com.microsoft.aad.msal4j");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getProperty("pipewright.log.level", "WARN"), Level.WARN));
    root.addAppender(stderr);
    // The Azure SDK (azure-core, azure-identity, MSAL) logs, at ERROR and WARN too, failures that
    // Pipewright reports itself in words ("Azure sign-in failed: ..."), and at DEBUG far more. It
    // stays quiet unless -Dpipewright.azure.log.level asks (tokens are not in its logs even at TRACE:
    // AzureSignInEntraTest).
    Level azure = Level.toLevel(System.getProperty("pipewright.azure.log.level", "OFF"), Level.OFF);
    for (String library : AZURE_SDK_LOGGERS) {
      context.getLogger(library).setLevel(azure);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
