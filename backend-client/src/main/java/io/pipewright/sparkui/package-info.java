/**
 * Live progress of Spark applications from their driver's monitoring REST API (the Spark UI's
 * {@code /api/v1/applications/…}), through the one HTTP layer: the {@link
 * io.pipewright.workspace.SparkUiMonitor} service. Depends on {@code http} and {@code workspace}
 * only (checked by {@code ArchitectureTest}); the embedded workspace reaches it as a service.
 */
package io.pipewright.sparkui;
