package io.pipewright.standalone;

import io.pipewright.workspace.ComputeTarget;
import java.net.URI;

/**
 * The addresses of a standalone cluster from a target's settings: the master ({@code masterUrl}),
 * its REST submission server ({@code restUrl}, default the master's host on port 6066) and its web
 * UI ({@code webUrl}, default port 8080), without trailing slashes.
 */
record StandaloneUrls(String master, String rest, String web) {

  static StandaloneUrls of(ComputeTarget target) {
    String master = target.settings().get("masterUrl");
    String host = URI.create(master).getHost();
    return new StandaloneUrls(master,
        strip(target.setting("restUrl").orElse("http://" + host + ":6066")),
        strip(target.setting("webUrl").orElse("http://" + host + ":8080")));
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
