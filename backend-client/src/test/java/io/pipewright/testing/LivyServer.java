package io.pipewright.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A real Apache Livy 0.7.1-incubating server on loopback: the jars that module {@code
 * test-servers/livy} lays out ({@code -Dpipewright.livy.home}), run by the Java running the tests,
 * submitting batches with the project's own Spark home ({@code -Dpipewright.spark.runtime}) in
 * client mode, to {@code local[2]} or to a given master such as a {@link SparkCluster}'s.
 *
 * <p>Everything lives in a private folder: {@code conf/livy.conf} and {@code conf/log4j.properties},
 * a generated Spark home for Livy ({@code spark-home/bin/spark-submit}, a script that runs {@code
 * org.apache.spark.deploy.SparkSubmit} with Spark's module options on the real home's {@code jars/}
 * and {@code conf/}, taking {@code -Xmx} from the driver memory), and {@code logs/livy.log}. CSRF
 * protection is on: every POST and DELETE must carry {@code X-Requested-By} (any value), else Livy
 * answers 400.
 *
 * <p>Livy accepts local files ({@code file}, {@code jars}, …) only under {@code
 * livy.file.local-dir-whitelist}: by default this JVM's temporary folder ({@code @TempDir}), the
 * samples ({@code -Dpipewright.samples}), the module's folder (its {@code target/}) and the
 * server's own folder; {@link Builder#allowLocalDirectory} adds more.
 *
 * <p><b>Basic authentication.</b> Livy 0.7.1 has no built-in user-and-password check (its {@code
 * livy.server.auth.type} knows {@code kerberos}, {@code ldap} — Basic checked against an LDAP server
 * — and custom types, a servlet filter named by {@code livy.server.auth.<type>.class} with init
 * parameters {@code livy.server.auth.<type>.param.*}). {@link Builder#basicAuth(String, String)}
 * uses the custom way: it compiles a small Basic filter against Livy's servlet API at start (well
 * under a second) and sets {@code livy.server.auth.type = basic}. Requests without {@code Authorization: Basic
 * base64(user:password)} then get 401 with {@code WWW-Authenticate: Basic realm="livy"}; with it,
 * Livy sees the user as the request's remote user (a batch's {@code owner}).
 *
 * <pre>{@code
 * try (LivyServer livy = LivyServer.builder().sparkMaster(cluster.masterUrl()).basicAuth("ada", "s3cret").start()) {
 *   // POST livy.url() + "/batches" with X-Requested-By and livy.authorization()
 * }
 * }</pre>
 */
public final class LivyServer implements AutoCloseable {

  /** How long {@link Builder#start} waits for {@code GET /batches} to answer 200. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final String AUTH_FILTER_CLASS = "io.pipewright.testing.livy.BasicAuthFilter";

  private static LivyServer shared;
  private static Exception sharedFailure;

  private final Path folder;
  private final Path logs;
  private final int port;
  private final String sparkMaster;
  private final List<Path> whitelist;
  private final String user;
  private final String password;
  private Process process;
  private boolean closed;

  private LivyServer(Builder builder, Path folder, int port, List<Path> whitelist) throws IOException {
    this.folder = folder;
    this.logs = Files.createDirectories(folder.resolve("logs"));
    this.port = port;
    this.sparkMaster = builder.sparkMaster;
    this.whitelist = whitelist;
    this.user = builder.user;
    this.password = builder.password;
  }

  /** Options for a server: master, more allowed folders, basic authentication, its folder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Livy server of this test JVM, on {@code local[2]} with the default allowed folders and no
   * authentication: started at the first call (2–4 s), then the same one for every test class; a
   * shutdown hook stops it when the JVM exits. Its folder is a new one under the module's {@code
   * target/test-servers}. Do not close it. When it did not start, every later call fails at once
   * with that first failure.
   */
  public static synchronized LivyServer shared() {
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared Livy server did not start (see the first failure)", sharedFailure);
    }
    if (shared == null || shared.closed) {
      try {
        shared = builder().start();
      } catch (IOException | RuntimeException e) {
        sharedFailure = e; // the next test class fails at once instead of waiting again
        throw e instanceof IOException io ? new UncheckedIOException("cannot start the shared Livy server", io)
            : (RuntimeException) e;
      }
      LivyServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop shared Livy server"));
    }
    return shared;
  }

  /** What to start: {@code local[2]}, default allowed folders, no authentication, a new folder. */
  public static final class Builder {
    private Path folder;
    private String sparkMaster = "local[2]";
    private final List<Path> allowed = new ArrayList<>();
    private String user;
    private String password;

    private Builder() {}

    /** The server's private folder (conf, generated Spark home, logs); default: a new one under target/test-servers. */
    public Builder folder(Path folder) {
      this.folder = folder;
      return this;
    }

    /** {@code livy.spark.master}: {@code local[N]} or a standalone master ({@link SparkCluster#masterUrl()}). */
    public Builder sparkMaster(String master) {
      this.sparkMaster = master;
      return this;
    }

    /** Adds folders to {@code livy.file.local-dir-whitelist}. */
    public Builder allowLocalDirectory(Path... directories) {
      allowed.addAll(List.of(directories));
      return this;
    }

    /** Requires HTTP Basic authentication with this user and password (see the class comment). */
    public Builder basicAuth(String user, String password) {
      if (user == null || user.isEmpty() || user.contains(":") || password == null) {
        throw new IllegalArgumentException("a Basic user needs a name without ':' and a password");
      }
      this.user = user;
      this.password = password;
      return this;
    }

    /**
     * Writes the configuration, starts Livy and returns once {@code GET /batches} answers 200.
     *
     * @throws IllegalStateException when that takes longer than {@link #START_TIMEOUT} or Livy
     *     ends, with the tail of its log
     */
    public LivyServer start() throws IOException {
      Path home = folder != null ? Files.createDirectories(folder.toAbsolutePath()) : ServerProcesses.newFolder("livy-");
      Set<Path> dirs = new LinkedHashSet<>();
      dirs.add(Path.of(System.getProperty("java.io.tmpdir")));
      Optional.ofNullable(System.getProperty("pipewright.samples")).map(Path::of).ifPresent(dirs::add);
      // Pipewright's SQL driver jar, which SQL steps submit
      Optional.ofNullable(System.getProperty("pipewright.spark.runtime")).map(Path::of).ifPresent(dirs::add);
      dirs.add(Path.of(""));
      dirs.add(home);
      dirs.addAll(allowed);
      List<Path> whitelist = new ArrayList<>();
      for (Path dir : dirs) {
        Path absolute = dir.toAbsolutePath().normalize();
        whitelist.add(absolute);
        if (Files.exists(absolute) && !absolute.toRealPath().equals(absolute)) {
          whitelist.add(absolute.toRealPath()); // Livy compares the path's text: allow both spellings
        }
      }
      LivyServer server = new LivyServer(this, home, ServerProcesses.freePort(), whitelist);
      try {
        server.launch();
        server.awaitReady();
        return server;
      } catch (IOException | RuntimeException | Error e) {
        server.close();
        throw e;
      }
    }
  }

  private void launch() throws IOException {
    Path sparkHome = ServerProcesses.sparkHome();
    Path livyHome = ServerProcesses.livyHome();
    Path conf = Files.createDirectories(folder.resolve("conf"));
    Path livySparkHome = writeSparkHome(sparkHome);
    writeConf(conf, livySparkHome);

    String classPath = ServerProcesses.allJars(livyHome) + ":" + conf;
    if (user != null) {
      classPath += ":" + compileAuthFilter(livyHome);
    }
    List<String> command = List.of(ServerProcesses.java().toString(), "-Xmx512m", "-cp", classPath,
        "org.apache.livy.server.LivyServer");
    Map<String, String> environment = Map.of(
        // Livy writes under LIVY_HOME (request logs in LIVY_LOG_DIR, else $LIVY_HOME/logs): the private
        // folder, not the shared jars; it reads only LIVY_CONF_DIR and its class path.
        "LIVY_HOME", folder.toString(),
        "LIVY_LOG_DIR", logs.toString(),
        "LIVY_CONF_DIR", conf.toString(),
        "SPARK_HOME", livySparkHome.toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1",
        "SPARK_PUBLIC_DNS", "127.0.0.1");
    process = ServerProcesses.start(command, environment, folder, log());
  }

  /**
   * A Spark home for Livy: {@code bin/spark-submit} runs SparkSubmit on the real home's jars and
   * conf with the module options (Spark's own script would need {@code launcher.Main} and {@code
   * bin/spark-class}). Nothing else: Livy only runs that script, and no links to the real home
   * (JUnit warns about each link when it deletes a {@code @TempDir}). A raw SparkSubmit
   * ignores {@code --driver-memory} (its JVM already runs), so the script turns it, or {@code
   * spark.driver.memory}, into {@code -Xmx} (default 1g). Drivers' UIs take a free port ({@code
   * spark.ui.port=0}, which a batch's own {@code conf} overrides) rather than 4040 and up.
   */
  private Path writeSparkHome(Path sparkHome) throws IOException {
    Path home = Files.createDirectories(folder.resolve("spark-home"));
    Path bin = Files.createDirectories(home.resolve("bin"));
    String options = ServerProcesses.moduleOptions(sparkHome).stream().map(LivyServer::quoted)
        .collect(Collectors.joining(" "));
    String script = """
        #!/usr/bin/env bash
        # Written by io.pipewright.testing.LivyServer: Spark's spark-submit for Livy, on %s.
        memory=1g
        previous=
        for argument in "$@"; do
          case "$previous" in
            --driver-memory) memory="$argument" ;;
            --conf) case "$argument" in spark.driver.memory=*) memory="${argument#spark.driver.memory=}" ;; esac ;;
          esac
          previous="$argument"
        done
        exec %s %s "-Xmx$memory" -cp %s org.apache.spark.deploy.SparkSubmit --conf spark.ui.port=0 "$@"
        """.formatted(sparkHome, quoted(ServerProcesses.java().toString()), options,
        quoted(ServerProcesses.allJars(sparkHome) + ":" + sparkHome.resolve("conf")));
    Path submit = bin.resolve("spark-submit");
    Files.writeString(submit, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private void writeConf(Path conf, Path livySparkHome) throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "# Written by io.pipewright.testing.LivyServer.",
        "livy.server.host = 127.0.0.1",
        "livy.server.port = " + port,
        "livy.server.spark-home = " + livySparkHome,
        "livy.spark.master = " + sparkMaster,
        "livy.spark.deploy-mode = client",
        "livy.file.local-dir-whitelist = " + whitelist.stream().map(Path::toString).collect(Collectors.joining(",")),
        "livy.server.csrf-protection.enabled = true",
        "# The driver output a batch's /log returns (default 200 lines).",
        "livy.cache-log.size = 2000"));
    if (user != null) {
      lines.addAll(List.of(
          "livy.server.auth.type = basic",
          "livy.server.auth.basic.class = " + AUTH_FILTER_CLASS,
          "livy.server.auth.basic.param.user = " + user,
          "livy.server.auth.basic.param.password = " + password));
    }
    Files.write(conf.resolve("livy.conf"), lines, StandardCharsets.UTF_8);
    Files.write(conf.resolve("log4j.properties"), List.of(
        "log4j.rootCategory=INFO, console",
        "log4j.appender.console=org.apache.log4j.ConsoleAppender",
        "log4j.appender.console.target=System.err",
        "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.console.layout.ConversionPattern=%d{HH:mm:ss.SSS} %p %c{1}: %m%n",
        "log4j.logger.org.eclipse.jetty=WARN"), StandardCharsets.UTF_8);
  }

  /** Compiles the Basic filter against Livy's servlet API into {@code auth-classes}; returns that folder. */
  private Path compileAuthFilter(Path livyHome) throws IOException {
    Path servletApi;
    try (Stream<Path> jars = Files.list(livyHome.resolve("jars"))) {
      servletApi = jars.filter(p -> p.getFileName().toString().startsWith("javax.servlet-api-")).findFirst()
          .orElseThrow(() -> new IOException(livyHome + "/jars has no javax.servlet-api jar"));
    }
    Path source = folder.resolve("auth-src/io/pipewright/testing/livy/BasicAuthFilter.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, AUTH_FILTER_SOURCE, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(folder.resolve("auth-classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IOException("basic authentication needs a JDK (a Java compiler) to run the tests");
    }
    Path compilerLog = logs.resolve("auth-filter-javac.log");
    try (OutputStream out = Files.newOutputStream(compilerLog)) {
      int status = compiler.run(null, out, out, "-classpath", servletApi.toString(), "-d", classes.toString(),
          "-Xlint:none", source.toString());
      if (status != 0) {
        throw new IOException("cannot compile " + source + " (javac exit " + status + ", see " + compilerLog + ")");
      }
    }
    return classes;
  }

  private static final String AUTH_FILTER_SOURCE = """
      package io.pipewright.testing.livy;

      import java.io.IOException;
      import java.nio.charset.StandardCharsets;
      import java.security.MessageDigest;
      import java.security.Principal;
      import java.util.Base64;
      import javax.servlet.Filter;
      import javax.servlet.FilterChain;
      import javax.servlet.FilterConfig;
      import javax.servlet.ServletException;
      import javax.servlet.ServletRequest;
      import javax.servlet.ServletResponse;
      import javax.servlet.http.HttpServletRequest;
      import javax.servlet.http.HttpServletRequestWrapper;
      import javax.servlet.http.HttpServletResponse;

      /** HTTP Basic authentication with one user, for Livy's custom auth type (tests only). */
      public final class BasicAuthFilter implements Filter {
        private String user;
        private byte[] expected;

        @Override
        public void init(FilterConfig config) {
          user = config.getInitParameter("user");
          String credentials = user + ":" + config.getInitParameter("password");
          expected = ("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
              .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
          HttpServletRequest request = (HttpServletRequest) req;
          String header = request.getHeader("Authorization");
          if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected)) {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setHeader("WWW-Authenticate", "Basic realm=\\"livy\\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
          }
          String name = user;
          chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override public String getRemoteUser() { return name; }
            @Override public Principal getUserPrincipal() { return () -> name; }
            @Override public String getAuthType() { return HttpServletRequest.BASIC_AUTH; }
          }, res);
        }

        @Override
        public void destroy() {}
      }
      """;

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String state = "nothing answers at " + url() + "/batches";
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Livy ended with " + process.exitValue() + " while starting (" + state + ")"
            + logTail());
      }
      HttpResponse<String> batches = ServerProcesses.getOrNull(url() + "/batches", authorizationHeader());
      if (batches != null) {
        state = "GET /batches answers " + batches.statusCode();
        if (batches.statusCode() == 200) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Livy was not ready after " + START_TIMEOUT.toSeconds() + " s (" + state + ")"
            + logTail());
      }
      ServerProcesses.pause(Duration.ofMillis(200));
    }
  }

  /** Livy's REST API: {@code http://127.0.0.1:<port>} (append {@code /batches}). */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code livy.spark.master}: {@code local[2]} or the standalone master given. */
  public String sparkMaster() {
    return sparkMaster;
  }

  /** The folders Livy accepts local files from ({@code livy.file.local-dir-whitelist}). */
  public List<Path> allowedDirectories() {
    return whitelist;
  }

  /** The user of basic authentication, if the server requires it. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password of basic authentication, if the server requires it. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The {@code Authorization} header value the server requires ({@code Basic …}), if any. */
  public Optional<String> authorization() {
    return user().map(u -> "Basic " + Base64.getEncoder()
        .encodeToString((u + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private Map<String, String> authorizationHeader() {
    return authorization().map(value -> Map.of("Authorization", value)).orElse(Map.of());
  }

  /** The folder of {@code livy.log} (Livy's stdout and stderr; batches' spark-submit output goes to their /log). */
  public Path logs() {
    return logs;
  }

  /** The server's private folder (conf/, spark-home/, logs/). */
  public Path folder() {
    return folder;
  }

  /** The last lines of Livy's log, for failure messages. */
  public String logTail() {
    return ServerProcesses.tails(60, log());
  }

  private Path log() {
    return logs.resolve("livy.log");
  }

  /** Stops Livy and the spark-submit JVMs of its batches (SIGTERM, then SIGKILL after 15 s). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (process != null) {
      ServerProcesses.stopTree(process, STOP_GRACE);
    }
  }

  @Override
  public String toString() {
    return "LivyServer[" + url() + ", master " + sparkMaster + (user != null ? ", basic auth" : "") + ", " + folder + "]";
  }
}
