package io.pipewright.local;

import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.MalformedDataException;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the first rows of delimited text with a header row, as RFC 4180 has it: fields in double
 * quotes may hold the delimiter, line breaks and doubled quotes ({@code ""}). Lines end in LF, CRLF
 * or CR; blank lines are skipped, as Spark's CSV reader does; a UTF-8 byte-order mark is dropped.
 *
 * <p>A folder is read as Spark writes one: its data files ({@code part-*}, every name not starting
 * with {@code _} or {@code .}) in name order, each with its own header, which must match the
 * first. Everything streams: only the rows asked for are kept, and a field or row that grows past
 * a limit (a quote left open) stops the read with the line where it began.
 */
final class DelimitedText {

  /** The longest record a preview reads, in characters. */
  static final int MAX_RECORD_CHARS = 1 << 20;

  private DelimitedText() {}

  /** The header and the first {@code maxRows} rows of a file or folder of delimited text. */
  static DatasetPreview preview(Path fileOrFolder, char delimiter, int maxRows) throws WorkspaceException {
    List<Path> parts = parts(fileOrFolder);
    Path base = Files.isDirectory(fileOrFolder) ? fileOrFolder : fileOrFolder.getParent();
    List<String> header = null;
    String headerFile = null;
    List<List<String>> rows = new ArrayList<>();
    boolean more = false;
    for (Path part : parts) {
      String name = base == null ? part.toString() : base.relativize(part).toString().replace('\\', '/');
      try (Records records = new Records(part, name, delimiter)) {
        List<String> partHeader = records.next();
        if (partHeader == null) {
          continue; // an empty part file: Spark writes them for empty partitions
        }
        if (header == null) {
          header = partHeader;
          headerFile = name;
        } else if (!header.equals(partHeader)) {
          throw new MalformedDataException(name, records.recordLine(), "its header " + partHeader
              + " differs from the header " + header + " of " + headerFile);
        }
        List<String> row;
        while ((row = records.next()) != null) {
          if (row.size() != header.size()) {
            throw new MalformedDataException(name, records.recordLine(), row.size() + (row.size() == 1 ? " field" : " fields")
                + ", but the header has " + header.size() + (delimiter == ',' ? "" : " (delimiter '" + printable(delimiter) + "')"));
          }
          if (rows.size() == maxRows) {
            more = true;
            break;
          }
          rows.add(row);
        }
      } catch (IOException e) {
        throw new WorkspaceException("cannot read " + part + ": " + e.getMessage(), e);
      }
      if (more) {
        break;
      }
    }
    if (header == null) {
      String what = Files.isDirectory(fileOrFolder) ? "its data files are empty" : "it is empty";
      throw new MalformedDataException(fileOrFolder.getFileName().toString(), 0,
          "a tabular dataset needs a header row, and " + what);
    }
    String source = parts.size() == 1 && !Files.isDirectory(fileOrFolder)
        ? fileOrFolder.toString() : fileOrFolder + " (" + parts.size() + (parts.size() == 1 ? " file)" : " files)");
    return new DatasetPreview(header, rows, more, source);
  }

  private static List<Path> parts(Path fileOrFolder) throws WorkspaceException {
    if (Files.isRegularFile(fileOrFolder)) {
      return List.of(fileOrFolder);
    }
    if (!Files.isDirectory(fileOrFolder)) {
      throw new WorkspaceException(fileOrFolder + " does not exist");
    }
    try (Stream<Path> files = Files.list(fileOrFolder)) {
      List<Path> parts = files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
      if (parts.isEmpty()) {
        throw new WorkspaceException(fileOrFolder + " has no data files (only names starting with _ or ., or folders)");
      }
      return parts;
    } catch (IOException e) {
      throw new WorkspaceException("cannot list " + fileOrFolder + ": " + e.getMessage(), e);
    }
  }

  static String printable(char c) {
    return c == '\t' ? "\\t" : String.valueOf(c);
  }

  /** Records of one file, read one at a time. */
  static final class Records implements AutoCloseable {
    private final Reader in;
    private final String name;
    private final char delimiter;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int pushedBack = -2;
    private int line = 1;
    private int recordLine;

    Records(Path file, String name, char delimiter) throws IOException {
      this(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), name, delimiter);
    }

    Records(Reader in, String name, char delimiter) throws IOException {
      this.in = in;
      this.name = name;
      this.delimiter = delimiter;
      int first = read();
      if (first != '\uFEFF') {
        unread(first);
      }
    }

    /** The line the last record returned starts on. */
    int recordLine() {
      return recordLine;
    }

    /** The next record's fields; null at the end. */
    List<String> next() throws IOException, MalformedDataException {
      int c = read();
      while (c == '\n' || c == '\r') {
        endOfLine(c);
        c = read();
      }
      if (c == -1) {
        return null;
      }
      recordLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      int recordChars = 0;
      while (true) {
        if (c == '"' && field.length() == 0) {
          int quoteLine = line;
          while (true) {
            c = read();
            if (c == -1) {
              throw new MalformedDataException(name, quoteLine, "a quoted field starts here and is never closed");
            }
            if (c == '"') {
              int after = read();
              if (after == '"') {
                field.append('"');
                continue;
              }
              c = after;
              break;
            }
            if (c == '\n' || (c == '\r')) {
              field.append((char) c);
              if (c == '\r') {
                int after = read();
                if (after == '\n') {
                  field.append('\n');
                } else {
                  unread(after);
                }
              }
              line++;
            } else {
              field.append((char) c);
            }
            if (++recordChars > MAX_RECORD_CHARS) {
              throw new MalformedDataException(name, quoteLine, "a quoted field starts here and runs past "
                  + (MAX_RECORD_CHARS >> 20) + " MiB: is a quote left open?");
            }
          }
          if (c != delimiter && c != '\n' && c != '\r' && c != -1) {
            throw new MalformedDataException(name, line, "'" + (char) c + "' after the closing quote of field "
                + (fields.size() + 1) + "; a quote inside a quoted field must be doubled (\"\")");
          }
        } else {
          while (c != delimiter && c != '\n' && c != '\r' && c != -1) {
            field.append((char) c);
            if (++recordChars > MAX_RECORD_CHARS) {
              throw new MalformedDataException(name, recordLine, "the line runs past " + (MAX_RECORD_CHARS >> 20)
                  + " MiB without a line break: is this delimited text?");
            }
            c = read();
          }
        }
        fields.add(field.toString());
        field.setLength(0);
        if (c == delimiter) {
          c = read();
          continue;
        }
        if (c != -1) {
          endOfLine(c);
        }
        return fields;
      }
    }

    /** Consumes the rest of a line break that began with {@code c} (LF, CR or CRLF). */
    private void endOfLine(int c) throws IOException {
      line++;
      if (c == '\r') {
        int next = read();
        if (next != '\n') {
          unread(next);
        }
      }
    }

    private int read() throws IOException {
      if (pushedBack != -2) {
        int c = pushedBack;
        pushedBack = -2;
        return c;
      }
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return -1;
        }
      }
      return buffer[position++];
    }

    private void unread(int c) {
      pushedBack = c;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
