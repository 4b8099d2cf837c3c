package io.pipewright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The published REST API examples of Azure/azure-rest-api-specs kept as test resources under
 * {@code azure-rest-api-specs/} (see the README there for where each comes from): an example file
 * has the request's {@code parameters} and one {@code responses} entry per status code.
 */
public final class SpecExamples {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecExamples() {}

  /** The whole example, {@code path} relative to {@code azure-rest-api-specs/} ({@code machinelearningservices/2024-10-01/Compute/list.json}). */
  public static JsonNode example(String path) {
    String resource = "/azure-rest-api-specs/" + path;
    try (InputStream in = SpecExamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body the example answers with {@code status}. */
  public static JsonNode response(String path, int status) {
    JsonNode body = example(path).path("responses").path(String.valueOf(status)).path("body");
    if (body.isMissingNode()) {
      throw new IllegalArgumentException(path + " has no body for status " + status);
    }
    return body;
  }

  /** The body the example answers with {@code status}, as text to serve. */
  public static String responseText(String path, int status) {
    return response(path, status).toString();
  }

  /** The request body of the example ({@code parameters.parameters}, or {@code parameters.body}). */
  public static JsonNode requestBody(String path) {
    JsonNode parameters = example(path).path("parameters");
    return parameters.has("parameters") ? parameters.path("parameters") : parameters.path("body");
  }

  /** {@code value} with the example's management host replaced by {@code baseUrl}, so a fake server can serve it. */
  public static String local(String value, String baseUrl) {
    return value.replace("https://management.azure.com", baseUrl);
  }
}
