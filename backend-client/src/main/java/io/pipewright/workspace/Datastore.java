package io.pipewright.workspace;

/**
 * A storage root datasets live in.
 *
 * @param kind {@code local} (a directory); Azure Blob and ADLS later
 * @param location the root: a directory for a local datastore, a URI elsewhere
 */
public record Datastore(String name, String kind, String location, boolean isDefault) {}
