package io.pipewright.app.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rules of the recent-files list: newest first, no duplicates, at most {@link #MAX}. */
public final class RecentFiles {
  public static final int MAX = 10;

  private RecentFiles() {}

  /** {@code list} with {@code file} moved (or added) to the front, trimmed to {@link #MAX}. */
  public static List<Path> add(List<Path> list, Path file) {
    Path key = normalize(file);
    List<Path> result = new ArrayList<>(List.of(key));
    for (Path p : list) {
      if (!normalize(p).equals(key) && result.size() < MAX) {
        result.add(p);
      }
    }
    return result;
  }

  /** {@code list} without {@code file}. */
  public static List<Path> remove(List<Path> list, Path file) {
    Path key = normalize(file);
    List<Path> result = new ArrayList<>();
    for (Path p : list) {
      if (!normalize(p).equals(key)) {
        result.add(p);
      }
    }
    return result;
  }

  static Path normalize(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /** A recent file and whether it still existed when last looked at. */
  public record Entry(Path path, boolean exists) {
    public String label() {
      Path name = path.getFileName();
      return (name == null ? path.toString() : name.toString()) + "  —  " + parentOf(path);
    }

    private static String parentOf(Path p) {
      Path parent = p.getParent();
      return parent == null ? "" : parent.toString();
    }
  }
}
