package io.pipewright.workspace;

import java.time.Instant;

/**
 * A folder or file in a datastore.
 *
 * @param path relative to the datastore's root, with {@code /} between names ({@code titanic/Titanic.csv})
 * @param size bytes of a file; 0 for a folder
 */
public record DatastoreEntry(String path, String name, boolean folder, long size, Instant modified) {}
