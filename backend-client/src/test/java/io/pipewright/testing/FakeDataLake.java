package io.pipewright.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.ByteString;

/**
 * An ADLS Gen2 account's DFS endpoint in memory, for a {@link mockwebserver3.MockWebServer}: the
 * operations of Azure/azure-rest-api-specs {@code
 * specification/storage/data-plane/Azure.Storage.Files.DataLake/stable/2023-05-03/DataLakeStorage.json}
 * that Pipewright uses. Path_Create ({@code PUT ?resource=file}, 201) makes an empty file;
 * Path_Update appends at {@code position} ({@code PATCH ?action=append}, 202; a position other than
 * the uncommitted length is 400 {@code InvalidFlushPosition}-like) and commits ({@code
 * ?action=flush&position=}, 200); Path_Read ({@code GET}, 200, 404 {@code PathNotFound});
 * FileSystem_ListPaths ({@code GET /{filesystem}?resource=filesystem&recursive=true&directory=}, 200
 * {@code {"paths":[...]}} a page at a time with {@code x-ms-continuation}, 404 for a missing
 * directory). Requests without {@code x-ms-version} or a bearer token are refused.
 */
public final class FakeDataLake extends Dispatcher {
  /** Committed files by "filesystem/path". */
  private final NavigableMap<String, byte[]> files = new ConcurrentSkipListMap<>();
  private final Map<String, ByteArrayOutputStream> uncommitted = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile int pageSize = 5000;
  private volatile long delayMillis;

  /** Lists at most {@code size} paths per page, so that listing follows {@code x-ms-continuation}. */
  public FakeDataLake pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /** Answers each request only after {@code millis} (a slow link to the storage account). */
  public FakeDataLake delayEachAnswer(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** A committed file, as a Spark job on the pool would write it. */
  public void write(String filesystemAndPath, String content) {
    files.put(filesystemAndPath, content.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] file(String filesystemAndPath) {
    return files.get(filesystemAndPath);
  }

  public NavigableMap<String, byte[]> files() {
    return files;
  }

  /** "METHOD target" of every request, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The Authorization header of every request, in order. */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse answer = answer(request);
    return delayMillis == 0 ? answer
        : answer.newBuilder().headersDelay(delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS).build();
  }

  private final Signal arrived = new Signal();

  /** Returns once {@code condition} holds, checked as requests arrive; fails after {@code timeout}. */
  public void await(java.time.Duration timeout, String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    arrived.await(timeout, what, condition);
  }

  private MockResponse answer(RecordedRequest request) {
    requests.add(request.getMethod() + " " + request.getTarget());
    arrived.changed();
    String authorization = request.getHeaders().get("Authorization");
    authorizations.add(String.valueOf(authorization));
    if (request.getHeaders().get("x-ms-version") == null) {
      return error(400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified.");
    }
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return error(401, "NoAuthenticationInformation", "Server failed to authenticate the request.");
    }
    HttpUrl url = request.getUrl();
    String path = String.join("/", url.pathSegments());
    String resource = url.queryParameter("resource");
    String action = url.queryParameter("action");
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    switch (request.getMethod()) {
      case "PUT":
        if (!"file".equals(resource)) {
          return error(400, "InvalidQueryParameterValue", "resource");
        }
        files.remove(path);
        uncommitted.put(path, new ByteArrayOutputStream());
        files.put(path, new byte[0]);
        return new MockResponse.Builder().code(201).build();
      case "PATCH": {
        ByteArrayOutputStream pending = uncommitted.get(path);
        if (pending == null) {
          return error(404, "PathNotFound", "The specified path does not exist.");
        }
        long position = Long.parseLong(url.queryParameter("position"));
        if ("append".equals(action)) {
          if (position != pending.size()) {
            return error(400, "InvalidFlushPosition", "The uploaded data is not contiguous");
          }
          pending.writeBytes(body);
          return new MockResponse.Builder().code(202).build();
        }
        if ("flush".equals(action)) {
          if (position != pending.size()) {
            return error(400, "InvalidFlushPosition", "The uploaded data is not contiguous");
          }
          files.put(path, pending.toByteArray());
          return new MockResponse.Builder().code(200).build();
        }
        return error(400, "InvalidQueryParameterValue", "action");
      }
      case "GET":
        if ("filesystem".equals(resource)) {
          return list(url);
        }
        byte[] content = files.get(path);
        return content == null ? error(404, "PathNotFound", "The specified path does not exist.")
            : new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                .body(new okio.Buffer().write(ByteString.of(content))).build();
      default:
        return error(405, "UnsupportedHttpVerb", request.getMethod());
    }
  }

  private MockResponse list(HttpUrl url) {
    String filesystem = url.pathSegments().get(0);
    String directory = url.queryParameter("directory");
    String prefix = filesystem + "/" + (directory == null || directory.isEmpty() ? "" : directory + "/");
    // The service lists folders too ("isDirectory": "true", a string), each before what it holds.
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    java.util.Set<String> directories = new java.util.HashSet<>();
    for (String key : files.keySet()) {
      if (key.startsWith(prefix)) {
        String name = key.substring(filesystem.length() + 1);
        names.add(name);
        for (int slash = name.indexOf('/', prefix.length() - filesystem.length() - 1); slash > 0;
            slash = name.indexOf('/', slash + 1)) {
          directories.add(name.substring(0, slash));
          names.add(name.substring(0, slash));
        }
      }
    }
    if (names.isEmpty()) {
      return error(404, "PathNotFound", "The specified path does not exist.");
    }
    int from = url.queryParameter("continuation") == null ? 0 : Integer.parseInt(url.queryParameter("continuation"));
    List<String> ordered = new ArrayList<>(names);
    int to = Math.min(ordered.size(), from + pageSize);
    StringBuilder json = new StringBuilder("{\"paths\":[");
    for (int i = from; i < to; i++) {
      String name = ordered.get(i);
      json.append(i > from ? "," : "").append("{\"name\":\"").append(name).append('"');
      if (directories.contains(name)) {
        json.append(",\"isDirectory\":\"true\",\"contentLength\":\"0\"");
      } else {
        json.append(",\"contentLength\":\"").append(files.get(filesystem + "/" + name).length).append('"');
      }
      json.append(",\"lastModified\":\"Sat, 05 Dec 2026 07:00:00 GMT\",\"etag\":\"0x8D\"}");
    }
    json.append("]}");
    MockResponse.Builder answer = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(json.toString());
    if (to < ordered.size()) {
      answer.addHeader("x-ms-continuation", Integer.toString(to));
    }
    return answer.build();
  }

  private static MockResponse error(int code, String error, String message) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .addHeader("x-ms-error-code", error)
        .body("{\"error\":{\"code\":\"" + error + "\",\"message\":\"" + message + "\"}}").build();
  }
}
