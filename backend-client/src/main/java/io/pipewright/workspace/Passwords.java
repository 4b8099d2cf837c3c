package io.pipewright.workspace;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The passwords of this session, in memory only: each asked once through the {@link PasswordPrompt}
 * and remembered until the server refuses it or the app ends. Nothing here is ever written.
 */
public final class Passwords {
  private final Map<String, char[]> known = new ConcurrentHashMap<>();
  /** One lock per target and user: one dialog at a time for it, however many steps need it. */
  private final Map<String, Object> asking = new ConcurrentHashMap<>();
  private volatile PasswordPrompt prompt = PasswordPrompt.NONE;

  public void setPrompt(PasswordPrompt prompt) {
    this.prompt = prompt == null ? PasswordPrompt.NONE : prompt;
  }

  /** The remembered password of {@code user} for {@code target}, else the user's answer to the prompt. */
  public Optional<char[]> get(ComputeTarget target, String user) {
    return ask(target, user, null);
  }

  /** The server refused the remembered password: forget it and ask again, saying why. */
  public Optional<char[]> rejected(ComputeTarget target, String user, String why) {
    char[] old = known.remove(key(target, user));
    if (old != null) {
      Arrays.fill(old, '\0');
    }
    return ask(target, user, why);
  }

  private Optional<char[]> ask(ComputeTarget target, String user, String why) {
    String key = key(target, user);
    synchronized (asking.computeIfAbsent(key, k -> new Object())) {
      char[] remembered = known.get(key);
      if (remembered != null && why == null) {
        return Optional.of(remembered);
      }
      Optional<char[]> answer = prompt.password(target, user, why).filter(p -> p.length > 0);
      answer.ifPresent(p -> known.put(key, p));
      return answer;
    }
  }

  private static String key(ComputeTarget target, String user) {
    return "pipewright-password:" + target.name() + "\u0000" + target.settings().getOrDefault("url", "") + "\u0000" + user;
  }
}
