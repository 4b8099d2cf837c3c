package io.pipewright.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What servers say in their error answers, and how an HTTP status maps to what the caller may do:
 * the one place where status codes are read.
 */
final class ServerMessages {
  /** The longest server message kept from a text or HTML body. */
  static final int MAX_TEXT_MESSAGE = 200;
  /** The longest line of a server message shown in an exception's message. */
  private static final int MAX_SHOWN = 300;

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
      Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
      Map.entry(412, "Precondition Failed"), Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));
  private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private ServerMessages() {}

  /** The message in an error body: Livy's, Spark's or Azure's JSON, else the first line of text or HTML. */
  static String from(JsonNode json, String text) {
    if (json != null && json.isObject()) {
      JsonNode error = json.path("error");
      if (error.isObject() && error.path("message").isTextual()) {
        String code = error.path("code").asText("");
        return (code.isBlank() ? "" : "(" + code + ") ") + error.path("message").asText();
      }
      if (error.isTextual()) { // OAuth: {"error":"invalid_client","error_description":"..."}
        String description = json.path("error_description").asText("");
        return description.isBlank() ? error.asText() : description;
      }
      for (String field : new String[] {"msg", "message"}) {
        if (json.path(field).isTextual() && !json.path(field).asText().isBlank()) {
          return json.path(field).asText();
        }
      }
    }
    return firstLine(text);
  }

  /** The first non-blank line of a text or HTML body, at most {@value #MAX_TEXT_MESSAGE} characters; null for none. */
  static String firstLine(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String plain = text;
    if (text.stripLeading().startsWith("<")) {
      plain = TAG.matcher(SCRIPT_OR_STYLE.matcher(text).replaceAll("")).replaceAll("\n")
          .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
          .replace("&nbsp;", " ").replace("&amp;", "&");
    }
    return oneLine(plain, MAX_TEXT_MESSAGE);
  }

  /** "HTTP 400 Bad Request: requirement failed" (the first line of the server's message). */
  static String statusLine(int status, String serverReason, String serverMessage) {
    String reason = REASONS.getOrDefault(status, serverReason == null ? "" : serverReason.strip());
    String line = "HTTP " + status + (reason.isEmpty() ? "" : " " + reason);
    String message = oneLine(serverMessage, MAX_SHOWN);
    return message == null ? line : line + ": " + message;
  }

  private static String oneLine(String text, int max) {
    if (text == null) {
      return null;
    }
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        String stripped = line.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max - 1) + "…";
      }
    }
    return null;
  }

  /** Whether an answer with this status is worth asking for again later. */
  static boolean retryableStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /**
   * Whether {@link RestClient} asks again by itself: idempotent requests on 408, 429, 502, 503,
   * 504; a POST only on 429 and 503, where the server surely did not act on it.
   */
  static boolean retriedStatus(int status, boolean idempotent) {
    return idempotent
        ? status == 408 || status == 429 || status == 502 || status == 503 || status == 504
        : status == 429 || status == 503;
  }

  static RemoteException.Outcome outcomeOf(int status, boolean idempotent) {
    if (!retryableStatus(status)) {
      return RemoteException.Outcome.FINAL;
    }
    // A gateway that timed out or lost the connection may have passed a POST on: it may have been acted on.
    return !idempotent && (status == 502 || status == 504) ? RemoteException.Outcome.UNKNOWN
        : RemoteException.Outcome.RETRYABLE;
  }
}
