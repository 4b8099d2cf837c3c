/**
 * The project's plumbing for files and JSON, shared by every package and module: writing a file so a
 * reader or a crash sees the old one or the new one whole ({@link io.pipewright.io.AtomicFiles}),
 * and the one Jackson setup ({@link io.pipewright.io.Jackson}). Imports nothing of the project
 * (checked by {@code ArchitectureTest}).
 */
package io.pipewright.io;
