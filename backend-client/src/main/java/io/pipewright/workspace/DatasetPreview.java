package io.pipewright.workspace;

import java.util.List;

/**
 * The first rows of a tabular dataset, as text.
 *
 * @param header the column names
 * @param rows up to the number asked, each with as many fields as the header
 * @param more whether the data has rows after these
 * @param source what was read (a file, or a folder of part files)
 */
public record DatasetPreview(List<String> header, List<List<String>> rows, boolean more, String source) {
  public DatasetPreview {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
  }
}
