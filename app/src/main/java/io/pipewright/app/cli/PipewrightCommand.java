package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** {@code pipewright}: the command line. Every command takes --workspace and --verbose. */
@Command(
    name = "pipewright",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // --help and --version on every command ("pipewright run --help")
    versionProvider = PipewrightCommand.Version.class,
    description = {"Design and run Spark-powered machine-learning pipelines.",
        "Without arguments, pipewright opens the designer; with a pipeline file alone"
            + " (pipewright FILE.pipeline.json), the designer on that file."},
    // The subcommands are added by execute(), only the one named when one is (see COMMANDS).
    subcommands = {})
public final class PipewrightCommand {

  /**
   * The subcommands by name, in the order help lists them. picocli reads every annotation of a
   * command it is given, nested commands included: a command line names one, and only that one is
   * given to it (all of them for help, an unknown name, or none), which takes about a tenth of a
   * second of reflection off every command's start.
   */
  private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

  private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
    java.util.Map<String, java.util.function.Supplier<Object>> commands = new java.util.LinkedHashMap<>();
    commands.put("run", RunCommand::new);
    commands.put("validate", ValidateCommand::new);
    commands.put("render", RenderCommand::new);
    commands.put("runs", RunsCommand::new);
    commands.put("logs", LogsCommand::new);
    commands.put("datasets", DatasetsCommand::new);
    commands.put("computes", ComputesCommand::new);
    commands.put("linked-services", LinkedServicesCommand::new);
    commands.put("export-aml", ExportAmlCommand::new);
    commands.put("import-aml", ImportAmlCommand::new);
    commands.put("azure", AzureCommand::new);
    commands.put("help", CommandLine.HelpCommand::new);
    return java.util.Collections.unmodifiableMap(commands);
  }

  /** Whether {@code name} is one of the command line's commands ("run", "validate", …). */
  public static boolean isCommand(String name) {
    return COMMANDS.containsKey(name);
  }

  /** The first argument that is not an option of the root command: the subcommand's name, or null. */
  private static String commandName(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--workspace")) {
        i++; // its value
      } else if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }

  /** Exit codes: 0 success, 1 failure (a run that did not complete, errors found), 2 usage. */
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  @Option(names = "--workspace", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "The workspace directory (default: $PIPEWRIGHT_HOME, else ~/.pipewright).")
  Path workspace;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
  boolean verbose;

  /** Passwords of compute targets, from {@code PIPEWRIGHT_LIVY_PASSWORD}; asked by the workspaces this command opens. */
  final EnvironmentPasswordPrompt passwords = new EnvironmentPasswordPrompt(System::getenv);

  /** Azure for the commands that need it: the default credential chain, made at the first token asked. */
  private final LazyAzureSession azure = new LazyAzureSession();

  LazyAzureSession azure() {
    return azure;
  }

  LocalWorkspace openWorkspace() throws WorkspaceException {
    LocalWorkspace opened = LocalWorkspace.open(workspace != null ? workspace : LocalWorkspace.defaultHome());
    opened.setPasswordPrompt(passwords);
    opened.setAzureSession(azure);
    return opened;
  }

  /**
   * Opens the workspace on another thread (its history database takes a noticeable part of a
   * command's start), so that the command can read its input meanwhile. Take it with {@link
   * OpeningWorkspace#get()}, and close the opening in every case.
   */
  OpeningWorkspace openWorkspaceInBackground() {
    return new OpeningWorkspace(CompletableFuture.supplyAsync(() -> {
      try {
        return openWorkspace();
      } catch (WorkspaceException e) {
        throw new CompletionException(e);
      }
    }));
  }

  /** A workspace being opened; closing closes the workspace once it is open. */
  static final class OpeningWorkspace implements AutoCloseable {
    private final CompletableFuture<LocalWorkspace> opening;

    private OpeningWorkspace(CompletableFuture<LocalWorkspace> opening) {
      this.opening = opening;
    }

    LocalWorkspace get() throws WorkspaceException {
      try {
        return opening.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof WorkspaceException w) {
          throw w;
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }

    @Override
    public void close() {
      // Waits for an opening still in progress, so that no history connection outlives the command.
      LocalWorkspace workspace = opening.handle((opened, error) -> opened).join();
      if (workspace != null) {
        workspace.close();
      }
    }
  }

  public static int execute(String... args) {
    return execute(() -> {}, args);
  }

  /**
   * As {@link #execute(String...)}, calling {@code beforeRunning} once the command line is parsed and
   * before the command runs (the launcher waits there for logging, set up while the command is parsed).
   */
  public static int execute(Runnable beforeRunning, String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), beforeRunning, args);
  }

  /** Runs the command line with the given output streams (tests pass their own). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(out, err, () -> {}, args);
  }

  private static int execute(PrintWriter out, PrintWriter err, Runnable beforeRunning, String... args) {
    PipewrightCommand root = new PipewrightCommand();
    CommandLine cli = new CommandLine(root);
    String named = commandName(args);
    if (named != null && COMMANDS.containsKey(named) && !named.equals("help")) {
      cli.addSubcommand(named, COMMANDS.get(named).get());
    } else {
      COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      String command = e.getCommandLine().getCommandName();
      err.println("pipewright: " + e.getMessage() + " (see: " + qualifiedName(e.getCommandLine()) + " --help)");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof InvalidFieldsException invalid) {
        // The messages name fields as the designer's dialogs label them; the command line names the
        // setting the user typed first.
        for (FieldProblem problem : invalid.problems()) {
          err.println("pipewright: " + (FieldProblem.NAME.equals(problem.field()) ? "" : problem.field() + ": ")
              + problem.message());
        }
        return FAILED;
      }
      if (e instanceof WorkspaceException || e instanceof UserException) {
        err.println("pipewright: " + e.getMessage());
        if (root.verbose) {
          e.printStackTrace(err);
        }
        return e instanceof UserException u ? u.exitCode() : FAILED;
      }
      err.println("pipewright: internal error: " + e + (root.verbose ? "" : " (run with --verbose for details)"));
      if (root.verbose) {
        e.printStackTrace(err);
      }
      return FAILED;
    });
    if (args.length == 0) {
      cli.usage(out);
      return OK;
    }
    cli.setExecutionStrategy(parsed -> {
      beforeRunning.run();
      return new CommandLine.RunLast().execute(parsed);
    });
    return cli.execute(args);
  }

  private static String qualifiedName(CommandLine commandLine) {
    StringBuilder name = new StringBuilder(commandLine.getCommandName());
    for (CommandLine parent = commandLine.getParent(); parent != null; parent = parent.getParent()) {
      name.insert(0, parent.getCommandName() + " ");
    }
    return name.toString();
  }

  /** A failure with a message for the user and an exit code. */
  static final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    UserException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  /** "pipewright 0.1.0 (build f364580)", or "pipewright (development build)" (--version, Help ▸ About). */
  public static String versionLine() {
    return Version.line(System.getProperty("pipewright.version"), System.getProperty("pipewright.build"));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {versionLine()};
    }

    /**
     * "pipewright 0.1.0 (build f364580)": the installed package's version and the commit it was
     * built from (its launcher sets both properties); a checkout's build has neither.
     */
    static String line(String version, String build) {
      if (version == null || version.isBlank()) {
        return "pipewright (development build)";
      }
      return "pipewright " + version + (build == null || build.isBlank() ? "" : " (build " + build + ")");
    }
  }
}
