package io.pipewright.http;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before a URL, a header or a body is shown in a log or an exception: credentials in
 * URLs, secret query values, authorization and cookie headers, and secret-looking JSON fields and
 * form parameters. The mask is {@value #MASK}.
 */
public final class Redaction {
  static final String MASK = "***";

  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");
  private static final Set<String> SECRET_QUERY_NAMES = Set.of("token", "sig", "key", "password", "code", "secret");
  /** Names of JSON fields, query and form parameters whose values are secret (besides the exact query names). */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|api[_-]?key|(^|[._-])key([._-]|$)).*");
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@");
  /** A JSON member: its name, then a string, number or literal value. */
  private static final Pattern JSON_MEMBER =
      Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"(\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[-0-9.eE+]+|true|false)");
  /** A form parameter ({@code a=b&c=d}). */
  private static final Pattern FORM_PARAMETER = Pattern.compile("(^|&)([^=&\\s]+)=([^&\\s]*)");

  private Redaction() {}

  /** The URL without {@code user:password@} and with the values of secret query parameters masked. */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    String result = USER_INFO.matcher(url).replaceFirst("$1");
    int query = result.indexOf('?');
    if (query < 0) {
      return result;
    }
    int fragment = result.indexOf('#', query);
    String end = fragment < 0 ? "" : result.substring(fragment);
    String parameters = result.substring(query + 1, fragment < 0 ? result.length() : fragment);
    StringBuilder masked = new StringBuilder(result.substring(0, query + 1));
    String[] pairs = parameters.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        masked.append('&');
      }
      int equals = pairs[i].indexOf('=');
      String name = equals < 0 ? pairs[i] : pairs[i].substring(0, equals);
      masked.append(equals >= 0 && isSecretQueryName(name) ? name + "=" + MASK : pairs[i]);
    }
    return masked.append(end).toString();
  }

  private static boolean isSecretQueryName(String name) {
    return SECRET_QUERY_NAMES.contains(name.toLowerCase(Locale.ROOT)) || SECRET_NAME.matcher(name).matches();
  }

  /** The header's value as it may be shown: secret ones masked, keeping an authorization scheme. */
  static String header(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!SECRET_HEADERS.contains(lower) && !SECRET_NAME.matcher(name).matches()) {
      return value;
    }
    if (lower.endsWith("authorization")) {
      int space = value.indexOf(' ');
      return space > 0 ? value.substring(0, space) + " " + MASK : MASK;
    }
    return MASK;
  }

  /** A JSON or form body with the values of secret-looking fields masked. */
  public static String body(String body) {
    Matcher json = JSON_MEMBER.matcher(body);
    StringBuilder out = new StringBuilder(body.length());
    while (json.find()) {
      String replacement = SECRET_NAME.matcher(json.group(1)).matches()
          ? "\"" + json.group(1) + "\"" + json.group(2) + "\"" + MASK + "\""
          : json.group();
      json.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    json.appendTail(out);
    String result = out.toString();
    if (!result.isEmpty() && result.charAt(0) != '{' && result.charAt(0) != '[' && result.indexOf('=') > 0) {
      Matcher form = FORM_PARAMETER.matcher(result);
      StringBuilder formOut = new StringBuilder(result.length());
      while (form.find()) {
        String replacement = isSecretQueryName(form.group(2)) ? form.group(1) + form.group(2) + "=" + MASK : form.group();
        form.appendReplacement(formOut, Matcher.quoteReplacement(replacement));
      }
      form.appendTail(formOut);
      result = formOut.toString();
    }
    return result;
  }
}
