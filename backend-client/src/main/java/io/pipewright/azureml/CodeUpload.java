package io.pipewright.azureml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.azure.Arm;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RestClient;
import io.pipewright.io.Jackson;
import io.pipewright.model.Step;
import io.pipewright.workspace.IgnoreFiles;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A step's code folder as an Azure ML code asset, the documented way: {@code POST
 * /codes/{name}/versions/{v}/startPendingUpload} (2024-10-01, {@code
 * examples/Workspace/CodeVersion/createOrGetStartPendingUpload.json}) gives a blob folder and a SAS
 * URI; each file is {@code PUT} there as a block blob ({@code x-ms-blob-type: BlockBlob}, the SAS
 * in the query, no bearer); then {@code PUT /codes/{name}/versions/{v}} with that {@code codeUri}
 * ({@code examples/Workspace/CodeVersion/createOrUpdate.json}). The version is a hash of the files,
 * so unchanged code keeps its version.
 */
final class CodeUpload {
  /** Files larger than this are not code: the upload refuses them, saying which. */
  private static final long MAX_FILE = 100L * 1024 * 1024;

  private final Arm arm;
  private final RestClient blobs;
  private final AzureMlWorkspaceRef ref;
  private final Cancellation cancel;

  CodeUpload(Arm arm, RestClient blobs, AzureMlWorkspaceRef ref, Cancellation cancel) {
    this.arm = arm;
    this.blobs = blobs;
    this.ref = ref;
    this.cancel = cancel;
  }

  /** Uploads the files (relative path → file) and returns the code version's Resource Manager id. */
  String upload(Step step, Map<String, Path> files, Consumer<String> notes) throws IOException, WorkspaceException {
    MessageDigest digest = sha256();
    for (Map.Entry<String, Path> file : files.entrySet()) {
      digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Files.readAllBytes(file.getValue()));
      digest.update((byte) 0);
    }
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    String name = "pipewright-" + step.id().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    String codePath = ref.path() + "/codes/" + name + "/versions/" + version;

    ObjectNode start = Jackson.MAPPER.createObjectNode();
    start.put("pendingUploadId", UUID.nameUUIDFromBytes((name + "/" + version).getBytes(StandardCharsets.UTF_8)).toString());
    start.put("pendingUploadType", "TemporaryBlobReference");
    JsonNode pending = arm.post(codePath + "/startPendingUpload", AzureMlPipelineBackend.API_VERSION, start,
        Duration.ZERO, cancel);
    JsonNode blob = pending.path("blobReferenceForConsumption");
    String blobUri = blob.path("blobUri").asText("");
    String sasUri = blob.path("credential").path("sasUri").asText("");
    if (blobUri.isBlank() || sasUri.isBlank()) {
      throw new WorkspaceException("Azure ML gave no upload address for the code of step '" + step.name() + "'");
    }
    int query = sasUri.indexOf('?');
    String sas = query < 0 ? "" : sasUri.substring(query);
    String folder = query < 0 ? sasUri : sasUri.substring(0, query);
    for (Map.Entry<String, Path> file : files.entrySet()) {
      blobs.send("PUT", folder + "/" + file.getKey() + sas, Files.readAllBytes(file.getValue()),
          Map.of("x-ms-blob-type", "BlockBlob", "Content-Type", "application/octet-stream"), cancel);
    }
    ObjectNode code = Jackson.MAPPER.createObjectNode();
    ObjectNode properties = code.putObject("properties");
    properties.put("isAnonymous", true);
    properties.put("codeUri", blobUri);
    arm.put(codePath, AzureMlPipelineBackend.API_VERSION, code, Duration.ofMinutes(2), status -> {}, cancel);
    notes.accept("Azure ML: code " + name + " version " + version + " (" + files.size() + " file"
        + (files.size() == 1 ? "" : "s") + ")");
    return codePath;
  }

  /**
   * The files under {@code source} by path relative to it ({@code /} between names): its snapshot
   * as Azure ML takes one ({@code .amlignore}, else {@code .gitignore}: {@link IgnoreFiles}), hidden
   * files and folders and {@code __pycache__} left out.
   */
  static Map<String, Path> filesOf(Path source) throws WorkspaceException {
    if (!Files.isDirectory(source)) {
      throw new WorkspaceException("the source directory " + source + " does not exist");
    }
    Map<String, Path> files = new TreeMap<>();
    try {
      for (Path file : IgnoreFiles.files(source, (path, directory) -> path.getFileName().toString().startsWith(".")
          || path.getFileName().toString().equals("__pycache__"))) {
        if (Files.size(file) > MAX_FILE) {
          throw new WorkspaceException("the source directory has a file too large to upload as code: " + file);
        }
        files.put(source.relativize(file).toString().replace('\\', '/'), file);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new WorkspaceException("cannot read the source directory " + source + ": " + e.getMessage(), e);
    }
    return files;
  }

  static String hash(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
