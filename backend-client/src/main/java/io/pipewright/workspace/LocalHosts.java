package io.pipewright.workspace;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Whether a host name or address is this machine's, without a DNS look-up (safe on any thread). */
final class LocalHosts {
  private LocalHosts() {}

  private static volatile Set<String> names;

  static boolean isThisMachine(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    return names().contains(h);
  }

  /** This machine's interface addresses, and its host name as the environment gives it. */
  private static Set<String> names() {
    Set<String> known = names;
    if (known == null) {
      known = new HashSet<>();
      try {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
          for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
            String text = address.getHostAddress().toLowerCase(Locale.ROOT);
            int zone = text.indexOf('%');
            known.add(zone > 0 ? text.substring(0, zone) : text);
          }
        }
      } catch (SocketException e) {
        // no interfaces to compare with: only loopback names count
      }
      String hostname = System.getenv("HOSTNAME");
      if (hostname != null && !hostname.isBlank()) {
        known.add(hostname.toLowerCase(Locale.ROOT));
      }
      names = known;
    }
    return known;
  }
}
