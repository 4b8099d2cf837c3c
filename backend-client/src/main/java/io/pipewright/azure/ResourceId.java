package io.pipewright.azure;

import java.util.Locale;
import java.util.Optional;

/**
 * A Resource Manager id taken apart: {@code /subscriptions/{sub}/resourceGroups/{rg}/providers/
 * {namespace}/{type}/{name}[/{childType}/{childName}]}. Azure writes {@code resourceGroups} in
 * either case, and so does this.
 */
public record ResourceId(String subscriptionId, String resourceGroup, String provider, String type, String name,
    String childType, String childName) {

  /** The parts of {@code id}, or empty when it is not a resource group's resource id. */
  public static Optional<ResourceId> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String[] p = id.strip().replaceAll("^/+", "").split("/");
    if (p.length < 8 || !p[0].equalsIgnoreCase("subscriptions") || !p[2].equalsIgnoreCase("resourceGroups")
        || !p[4].equalsIgnoreCase("providers")) {
      return Optional.empty();
    }
    boolean child = p.length >= 10;
    return Optional.of(new ResourceId(p[1], p[3], p[5], p[6], p[7], child ? p[8] : "", child ? p[9] : ""));
  }

  /** Whether this is a {@code namespace/type} resource ({@code Microsoft.Synapse}, {@code workspaces}), either case. */
  public boolean is(String namespace, String resourceType) {
    return provider.toLowerCase(Locale.ROOT).equals(namespace.toLowerCase(Locale.ROOT))
        && type.toLowerCase(Locale.ROOT).equals(resourceType.toLowerCase(Locale.ROOT));
  }
}
