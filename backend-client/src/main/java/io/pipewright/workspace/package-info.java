/**
 * The workspace SPI: where pipelines run and their history lives. The embedded workspace
 * ({@code io.pipewright.local}) and the remote ones implement it; the app and the command line
 * only talk to these types.
 */
package io.pipewright.workspace;
