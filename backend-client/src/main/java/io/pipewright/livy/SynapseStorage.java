package io.pipewright.livy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.http.RestClient.Reply;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.remote.Staging;
import io.pipewright.workspace.AzureSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of a Synapse workspace's default storage (ADLS Gen2), through its DFS REST API
 * (Azure/azure-rest-api-specs {@code specification/storage/data-plane/Azure.Storage.Files.DataLake},
 * {@code x-ms-version} 2023-05-03), with bearer tokens of {@link AzureSession#STORAGE_SCOPE}: a step's
 * files are uploaded there and the pool reads them as {@code
 * abfss://{filesystem}@{account}.dfs.core.windows.net/pipewright/{run}/{step}/...}; its outputs are
 * read back from there.
 *
 * <p>A file is created ({@code PUT ?resource=file}), its bytes appended in chunks ({@code PATCH
 * ?action=append&position=N}), then committed ({@code PATCH ?action=flush&position=SIZE}); a folder
 * is listed with {@code GET /{filesystem}?resource=filesystem&recursive=true&directory=...}, following
 * {@code x-ms-continuation}, and each file read with a GET.
 */
final class SynapseStorage implements Staging.Area {
  static final String VERSION = "2023-05-03";
  /** Bytes per append: a large jar goes up in pieces, each tried again on its own. */
  static final int CHUNK = 4 * 1024 * 1024;
  private static final Map<String, String> BYTES = Map.of("Content-Type", "application/octet-stream");

  private final RestClient rest;
  private final String filesystem;
  private final String host;
  private final String root;
  private final int chunk;
  /** Stops an upload or a download between and during calls (the step was stopped). */
  private final Cancellation cancel;

  /**
   * @param accountUrl the storage account's DFS endpoint as Azure names it ({@code https://account.dfs.core.windows.net})
   * @param reach where to send requests for it (the same, unless something stands in for it)
   * @param root the folder in the filesystem, without slashes at either end ({@code pipewright/RUN/STEP})
   */
  SynapseStorage(URI accountUrl, URI reach, String filesystem, String root, AzureSession azure, Timeouts timeouts,
      RetryPolicy retry, int chunk, Cancellation cancel) {
    this.rest = RestClient.to(reach.toString()).timeouts(timeouts).retry(retry)
        .header("x-ms-version", VERSION)
        .bearer(refresh -> azure.token(AzureSession.STORAGE_SCOPE, refresh))
        .build();
    this.filesystem = filesystem;
    this.host = accountUrl.getHost();
    this.root = root;
    this.chunk = chunk;
    this.cancel = cancel;
  }

  @Override
  public void upload(Path local, String relative) throws IOException {
    if (!Files.isDirectory(local)) {
      put(local, full(relative));
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(local)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      put(file, full(relative + "/" + local.relativize(file).toString().replace('\\', '/')));
    }
  }

  /** Creates (or replaces) a file and uploads its bytes in chunks. */
  void put(Path local, String path) throws RemoteException, IOException {
    String url = url(path);
    rest.send("PUT", url + "?resource=file", new byte[0], BYTES, cancel);
    long size = Files.size(local);
    if (size == 0) {
      return;
    }
    long position = 0;
    try (InputStream in = Files.newInputStream(local)) {
      byte[] buffer = new byte[chunk];
      int read;
      while ((read = in.readNBytes(buffer, 0, chunk)) > 0) {
        byte[] piece = read == chunk ? buffer.clone() : java.util.Arrays.copyOf(buffer, read);
        rest.send("PATCH", url + "?action=append&position=" + position, piece, BYTES, cancel);
        position += read;
      }
    }
    rest.send("PATCH", url + "?action=flush&position=" + position, new byte[0], BYTES, cancel);
  }

  @Override
  public String path(String relative) {
    return uri(relative);
  }

  @Override
  public String uri(String relative) {
    return "abfss://" + filesystem + "@" + host + "/" + full(relative);
  }

  @Override
  public void download(String relative, Path local) throws IOException {
    String directory = full(relative);
    for (String file : files(directory)) {
      Reply reply = rest.send("GET", url(file), null, Map.of(), cancel);
      Path target = local.resolve(file.substring(directory.length() + 1));
      Files.createDirectories(target.getParent());
      Files.write(target, reply.body());
    }
  }

  /** Every file under {@code directory} (paths in the filesystem); none when it does not exist. */
  List<String> files(String directory) throws RemoteException {
    List<String> files = new ArrayList<>();
    String continuation = null;
    do {
      String list = "/" + segment(filesystem) + "?resource=filesystem&recursive=true&directory=" + query(directory)
          + (continuation == null ? "" : "&continuation=" + query(continuation));
      Reply reply;
      try {
        reply = rest.send("GET", list, null, Map.of(), cancel);
      } catch (RemoteException e) {
        if (e.status() == 404) { // the step wrote nothing there
          return files;
        }
        throw e;
      }
      JsonNode body = reply.json();
      for (JsonNode path : body.path("paths")) {
        // The service writes isDirectory as "true" (a string) although the spec says boolean.
        if (!path.path("isDirectory").asBoolean(false) && !"true".equals(path.path("isDirectory").asText())) {
          files.add(path.path("name").asText());
        }
      }
      continuation = reply.header("x-ms-continuation");
    } while (continuation != null && !continuation.isBlank());
    return files;
  }

  @Override
  public String describe() {
    return uri("").replaceAll("/$", "");
  }

  private String full(String relative) {
    return relative.isEmpty() ? root : root + "/" + relative;
  }

  private String url(String path) {
    StringBuilder url = new StringBuilder("/").append(segment(filesystem));
    for (String part : path.split("/")) {
      url.append('/').append(segment(part));
    }
    return url.toString();
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
