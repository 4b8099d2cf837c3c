package io.pipewright.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Feeds mutated pipeline files through the reader ({@link PipelineFormat#parse(byte[], String)}),
 * the locations of its diagnostics, and the validator, and counts what goes wrong:
 *
 * <ul>
 *   <li>a <b>crash</b> is any exception thrown by them: the reader's rejections are diagnostics,
 *       never exceptions;
 *   <li>a <b>hang</b> is an input that takes more than the timeout of CPU time (so that a machine
 *       busy with other work does not make hangs), or ten times the timeout in all;
 *   <li>an <b>unlocated</b> error is one with no line and column in the file: the text does not
 *       hold the field its JSON pointer names (only an enclosing value, or nothing), or, for
 *       malformed JSON, no place where it breaks is known;
 *   <li>a <b>roundtrip</b> is a file the reader takes without a problem whose pipeline, written
 *       by {@link PipelineFormat#write} and read again, is not the same.
 * </ul>
 *
 * <p>Input {@code i} of a seed is {@code mutate(new Random(seed * 1_000_003 + i))}: any one input can
 * be made again from the seed and its number. Mutations are structure-aware (on the parsed tree of
 * a sample or fixture: keys dropped, duplicated, renamed, swapped; values of the wrong type, huge
 * numbers, deep nesting, unicode, empty strings; extra edges making cycles or dangling; elements
 * removed or repeated) or byte-level (bits flipped, the file cut short, bytes inserted, removed or
 * repeated), or both.
 */
public final class PipelineFuzzer {

  /** What one input did. */
  public enum Outcome { OK, CRASH, HANG, UNLOCATED, ROUNDTRIP }

  /** One input that went wrong: its number, what happened and the file's bytes. */
  public record Failure(long index, Outcome outcome, String detail, byte[] input) {}

  /** The counts of a run. */
  public record Result(long inputs, long crashes, long hangs, long unlocated, long roundtrips, long rejected,
      long validated,
      List<Failure> failures) {
    public String line() {
      return "fuzz: inputs=" + inputs + " crashes=" + crashes + " hangs=" + hangs + " unlocated=" + unlocated;
    }
  }

  /** A file to mutate: its name and text. */
  public record Seed(String name, String text, JsonNode tree) {}

  /** Writes trees nested deeper than Jackson's default limit of 1000, for the reader to refuse. */
  /** Repeated elements stop at this many characters of file. */
  private static final int MAX_SIZE = 1_000_000;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
      .build()).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String DUPLICATE_MARK = "\u0001dup";
  private static final Pattern DUPLICATE_KEY = Pattern.compile("\"\\\\u0001dup[0-9]+:");

  /** Every field name of the format, for renames and for keys that look right in the wrong place. */
  private static final String[] FIELD_NAMES = {
      "schemaVersion", "id", "name", "description", "defaultCompute", "parameters", "datasets", "steps", "edges",
      "layout", "default", "kind", "datastore", "path", "registered", "version", "type", "compute",
      "sourceDirectory", "inputs", "outputs", "arguments", "environment", "allowReuse", "entry", "spark",
      "command", "sql", "python", "jar", "mainClass", "driverMemory", "driverCores", "executorMemory",
      "executorCores", "executors", "dynamicAllocation", "conf", "pyFiles", "jars", "files", "archives",
      "minExecutors", "maxExecutors", "mode", "optional", "registerAs", "pipPackages", "variables", "from", "to",
      "node", "port", "nodes", "x", "y"};

  private static final String[] STRINGS = {
      "", " ", "\t", "a/b", "~0", "~1/x", "/", "~", "{inputs.x}", "{outputs.}", "{parameters.", "{{}}", "{",
      "}", "\u0000", "nul\u0000byte", "é", "\u00e9\u0301", "日本語", "\uD83D\uDE80", "\u202Eevil", "\uFEFF",
      "\uD800", "\uDFFF", "\\", "\"", "..", "../../..", "/etc/passwd", "C:\\x", "0", "-1", "7g", "0g", "-7g",
      "9999999999999999999g", "1e3m", "spark", "script", "tabular", "file", "direct", "mount", "download",
      "local-spark", "local-process", "cluster", "prep.sql", "train.py", "x".repeat(10_000), "\n\n\n",
      "a b c", "--flag=\"x y\"", "'unterminated", "\"unterminated", "$(rm -rf /)", "${HOME}", "%s%n%d"};

  private final List<Seed> seeds;
  private final List<Seed> good;
  private final long seed;
  private final long timeoutMillis;
  private final ValidationContext context;

  public PipelineFuzzer(List<Seed> seeds, long seed, long timeoutMillis, ValidationContext context) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("no seed files");
    }
    this.seeds = List.copyOf(seeds);
    List<Seed> valid = seeds.stream().filter(s -> !s.name().startsWith("invalid/")).toList();
    this.good = valid.isEmpty() ? this.seeds : valid;
    this.seed = seed;
    this.timeoutMillis = timeoutMillis;
    this.context = context;
  }

  /** The samples under {@code resources/samples} and the test fixtures, sorted by name. */
  public static List<Seed> defaultSeeds(Path projectRoot) {
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(projectRoot.resolve("resources/samples"))) {
      walk.filter(p -> p.getFileName().toString().endsWith(".pipeline.json")).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String dir : List.of("valid", "invalid", "canonical")) {
      try (var list = Files.list(Fixtures.dir(dir))) {
        list.filter(p -> p.getFileName().toString().endsWith(".pipeline.json")).forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    files.sort(java.util.Comparator.comparing(p -> p.getParent().getFileName() + "/" + p.getFileName()));
    List<Seed> seeds = new ArrayList<>();
    for (Path file : files) {
      try {
        String text = Files.readString(file);
        JsonNode tree;
        try {
          tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
          tree = null; // the malformed-JSON fixture: byte mutations only
        }
        seeds.add(new Seed(file.getParent().getFileName() + "/" + file.getFileName(), text, tree));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return seeds;
  }

  /** The context of the fixtures: their computes and datastores, files next to {@code base}. */
  public static ValidationContext fixtureContext(Path base) {
    return new ValidationContext(base, Fixtures.COMPUTES, Fixtures.datastores());
  }

  /** Runs inputs {@code 0 … count-1}; keeps at most {@code keep} failures (all are counted). */
  public Result run(long count, int keep, java.util.function.Consumer<Failure> onFailure) {
    long crashes = 0;
    long hangs = 0;
    long unlocated = 0;
    long roundtrips = 0;
    long rejected = 0;
    long validated = 0;
    List<Failure> failures = new ArrayList<>();
    ExecutorService worker = newWorker();
    try {
      for (long i = 0; i < count; i++) {
        byte[] input = input(i);
        Future<Check> future = worker.submit(() -> check(input));
        Check check;
        Outcome outcome;
        String detail;
        try {
          check = await(future);
          outcome = check.outcome;
          detail = check.detail;
          rejected += check.rejected ? 1 : 0;
          validated += check.validated ? 1 : 0;
        } catch (TimeoutException e) {
          future.cancel(true);
          worker.shutdownNow(); // its thread may never come back: a new one takes the next input
          worker = newWorker();
          outcome = Outcome.HANG;
          detail = "took longer than " + timeoutMillis + " ms of CPU time (or " + WALL_FACTOR + " times that in all)";
        } catch (ExecutionException e) {
          outcome = Outcome.CRASH;
          detail = stackTrace(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        switch (outcome) {
          case CRASH -> crashes++;
          case HANG -> hangs++;
          case UNLOCATED -> unlocated++;
          case ROUNDTRIP -> roundtrips++;
          case OK -> { }
        }
        if (outcome != Outcome.OK) {
          Failure failure = new Failure(i, outcome, detail, input);
          if (failures.size() < keep) {
            failures.add(failure);
          }
          if (onFailure != null) {
            onFailure.accept(failure);
          }
        }
      }
    } finally {
      worker.shutdownNow();
    }
    return new Result(count, crashes, hangs, unlocated, roundtrips, rejected, validated, List.copyOf(failures));
  }

  /** A hang that blocks rather than computes is caught after this many timeouts of time passed. */
  private static final int WALL_FACTOR = 10;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The worker's thread, whose CPU time measures an input. */
  private volatile Thread workerThread;

  /**
   * The check's result, or a TimeoutException when the worker spent more than the timeout of CPU
   * time on it (the machine may be busy with other work: time passed would count that too), or
   * {@link #WALL_FACTOR} timeouts passed.
   */
  private Check await(Future<Check> future) throws InterruptedException, ExecutionException, TimeoutException {
    long startWall = System.nanoTime();
    Thread thread = workerThread;
    long startCpu = cpuNanos(thread);
    long limit = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      try {
        return future.get(Math.min(timeoutMillis, 100), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long cpu = cpuNanos(thread);
        boolean cpuOver = startCpu >= 0 && cpu >= 0 && cpu - startCpu > limit;
        boolean wallOver = System.nanoTime() - startWall > WALL_FACTOR * limit;
        boolean noCpuClock = (startCpu < 0 || cpu < 0) && System.nanoTime() - startWall > limit;
        if (cpuOver || wallOver || noCpuClock) {
          throw e;
        }
      }
    }
  }

  private static long cpuNanos(Thread thread) {
    if (thread == null || !THREADS.isCurrentThreadCpuTimeSupported()) {
      return -1;
    }
    return THREADS.getThreadCpuTime(thread.getId());
  }

  private ExecutorService newWorker() {
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-worker");
      t.setDaemon(true);
      workerThread = t;
      return t;
    });
    try {
      worker.submit(() -> { }).get(10, TimeUnit.SECONDS); // starts its thread, so that its CPU clock can be read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the fuzz worker did not start", e);
    }
    return worker;
  }

  private record Check(Outcome outcome, String detail, boolean rejected, boolean validated) {}

  /** Reads, locates and validates one input; throws what they throw. */
  private Check check(byte[] input) {
    LoadedPipeline loaded = PipelineFormat.parse(input, "fuzz.pipeline.json");
    List<Diagnostic> all = new ArrayList<>(loaded.problems());
    boolean validated = false;
    if (loaded.pipeline() != null) {
      all.addAll(PipelineValidator.validate(loaded.pipeline(), context));
      validated = true;
    }
    for (Diagnostic d : all) {
      loaded.location(d); // must not throw
      if (d.isError() && !locatedExactly(loaded, d)) {
        return new Check(Outcome.UNLOCATED, d.code() + " at '" + d.pointer() + "' (" + loaded.locate(d)
            .map(at -> "only its enclosing value, at " + at).orElse("nowhere") + "): " + d.message(), true, validated);
      }
    }
    boolean rejected = loaded.pipeline() == null || all.stream().anyMatch(Diagnostic::isError);
    if (loaded.pipeline() != null && loaded.problems().isEmpty()) {
      // What the reader took without a problem, the writer writes back to the same pipeline.
      LoadedPipeline again = PipelineFormat.parse(PipelineFormat.write(loaded.pipeline()), "written");
      if (!again.problems().isEmpty() || !loaded.pipeline().equals(again.pipeline())) {
        return new Check(Outcome.ROUNDTRIP, "written and read again: " + again.problems() + " "
            + again.pipeline(), rejected, validated);
      }
    }
    return new Check(Outcome.OK, "", rejected, validated);
  }

  /**
   * Whether the file has a line and column for the error: for malformed JSON, where it breaks;
   * else the place of the very field its pointer names (not only an enclosing one, which would
   * mean a pointer the file does not hold: a wrong index, say).
   */
  private static boolean locatedExactly(LoadedPipeline loaded, Diagnostic d) {
    Optional<SourceLocation> at = loaded.locate(d);
    if (at.isEmpty() || DiagnosticCodes.MALFORMED_JSON.equals(d.code()) || d.pointer().isEmpty()) {
      return at.isPresent();
    }
    String parent = d.pointer().substring(0, d.pointer().lastIndexOf('/'));
    return !at.equals(loaded.locations().find(parent));
  }

  // ---- inputs --------------------------------------------------------------------------------

  /** Input number {@code index}: the same bytes for the same seed and index. */
  public byte[] input(long index) {
    Random random = new Random(seed * 1_000_003L + index);
    // Half from the good files (the samples and valid fixtures), so that many inputs get past the
    // reader into the validator; half from the fixtures of each failure mode.
    List<Seed> pool = random.nextBoolean() ? good : seeds;
    Seed from = pool.get(random.nextInt(pool.size()));
    int how = random.nextInt(10);
    if (from.tree == null || how < 3) {
      return bytes(random, from.text.getBytes(StandardCharsets.UTF_8));
    }
    String text = structure(random, from.tree);
    if (text.length() > 2 * MAX_SIZE) {
      text = from.text; // grown too big (pretty-printed deep nesting): only bytes mutated
      how = 9;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return how == 9 ? bytes(random, bytes) : bytes;
  }

  private String structure(Random random, JsonNode original) {
    JsonNode tree = original.deepCopy();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      tree = mutateTree(random, tree);
    }
    String text;
    try {
      text = random.nextBoolean() ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) : write(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // Duplicated keys were kept apart in the tree by a mark: the text gets the key twice.
    return DUPLICATE_KEY.matcher(text).replaceAll("\"");
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode mutateTree(Random random, JsonNode root) {
    if (root.isObject() && random.nextInt(5) == 0) {
      graph(random, (ObjectNode) root);
      return root;
    }
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return value(random); // the file is a bare value: another one
    }
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target.isObject()) {
      ObjectNode object = (ObjectNode) target;
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      if (keys.isEmpty()) {
        object.set(FIELD_NAMES[random.nextInt(FIELD_NAMES.length)], value(random));
        return root;
      }
      String key = keys.get(random.nextInt(keys.size()));
      switch (random.nextInt(9)) {
        case 0 -> object.remove(key);
        case 1 -> object.set(DUPLICATE_MARK + random.nextInt(1000) + ":" + key,
            random.nextBoolean() ? object.get(key).deepCopy() : value(random));
        case 2 -> {
          JsonNode value = object.remove(key);
          String other = random.nextBoolean() ? FIELD_NAMES[random.nextInt(FIELD_NAMES.length)]
              : STRINGS[random.nextInt(STRINGS.length)];
          object.set(other, value);
        }
        case 3 -> {
          String other = keys.get(random.nextInt(keys.size()));
          JsonNode a = object.get(key);
          object.set(key, object.get(other));
          object.set(other, a);
        }
        case 4 -> object.set(FIELD_NAMES[random.nextInt(FIELD_NAMES.length)], value(random));
        default -> object.set(key, value(random));
      }
    } else {
      ArrayNode array = (ArrayNode) target;
      if (array.isEmpty()) {
        array.add(value(random));
        return root;
      }
      int i = random.nextInt(array.size());
      switch (random.nextInt(6)) {
        case 0 -> array.remove(i);
        case 1 -> array.insert(i, array.get(i).deepCopy());
        case 2 -> {
          int j = random.nextInt(array.size());
          JsonNode a = array.get(i);
          array.set(i, array.get(j));
          array.set(j, a);
        }
        case 3 -> {
          JsonNode copy = array.get(i).deepCopy();
          // Up to 200 copies while the file stays under about 1 MB: big files are not what this looks for.
          int size = write(copy).length() + 1;
          int room = Math.max(0, MAX_SIZE - write(root).length());
          for (int k = 0, n = Math.min(1 + random.nextInt(200), room / size); k < n; k++) {
            array.add(copy);
          }
        }
        default -> array.set(i, value(random));
      }
    }
    if (random.nextInt(20) == 0) {
      return value(random); // the whole file becomes some other value
    }
    return root;
  }

  /** Edges that close cycles, start or end nowhere, or at the wrong kind of node or port. */
  private void graph(Random random, ObjectNode root) {
    List<String> steps = new ArrayList<>();
    List<String> ports = new ArrayList<>();
    for (String list : List.of("steps", "datasets")) {
      JsonNode nodes = root.get(list);
      if (nodes != null && nodes.isArray()) {
        for (JsonNode node : nodes) {
          if (node.isObject() && node.path("id").isTextual()) {
            steps.add(node.get("id").textValue());
          }
          for (String side : List.of("inputs", "outputs")) {
            for (JsonNode port : node.path(side)) {
              if (port.path("name").isTextual()) {
                ports.add(port.get("name").textValue());
              }
            }
          }
        }
      }
    }
    steps.add("nowhere");
    ports.add("nothing");
    JsonNode edges = root.get("edges");
    ArrayNode array = edges != null && edges.isArray() ? (ArrayNode) edges : root.putArray("edges");
    JsonNode existing = array.isEmpty() ? null : array.get(random.nextInt(array.size()));
    int n = 1 + random.nextInt(3);
    for (int k = 0; k < n; k++) {
      ObjectNode edge = NODES.objectNode();
      edge.put("id", random.nextInt(4) == 0 && existing != null ? existing.path("id").asText("e") : "fz" + k);
      ObjectNode from = edge.putObject("from");
      ObjectNode to = edge.putObject("to");
      if (existing != null && random.nextBoolean()) {
        // Backwards along an existing edge: a cycle when the ports line up.
        from.put("node", existing.path("to").path("node").asText("x"));
        from.put("port", ports.get(random.nextInt(ports.size())));
        to.put("node", existing.path("from").path("node").asText("y"));
        to.put("port", ports.get(random.nextInt(ports.size())));
      } else {
        from.put("node", steps.get(random.nextInt(steps.size())));
        if (random.nextInt(4) != 0) {
          from.put("port", ports.get(random.nextInt(ports.size())));
        }
        to.put("node", steps.get(random.nextInt(steps.size())));
        if (random.nextInt(4) != 0) {
          to.put("port", ports.get(random.nextInt(ports.size())));
        }
      }
      array.add(edge);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), into);
      }
    }
  }

  /** A value of some type: often of the wrong one for where it goes. */
  private JsonNode value(Random random) {
    return switch (random.nextInt(16)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt(5) - 2);
      case 3 -> NODES.numberNode(new BigInteger("9".repeat(1 + random.nextInt(60))).negate().pow(1 + random.nextInt(2)));
      case 4 -> NODES.numberNode(switch (random.nextInt(6)) {
        case 0 -> Integer.MAX_VALUE;
        case 1 -> Integer.MIN_VALUE;
        case 2 -> (long) Integer.MAX_VALUE + 1;
        case 3 -> Long.MAX_VALUE;
        case 4 -> Long.MIN_VALUE;
        default -> 0L;
      });
      case 5 -> NODES.numberNode(switch (random.nextInt(5)) {
        case 0 -> Double.MAX_VALUE;
        case 1 -> Double.MIN_VALUE;
        case 2 -> -0.0;
        case 3 -> 0.5;
        default -> 1e300 * random.nextDouble();
      });
      case 6 -> NODES.arrayNode();
      case 7 -> NODES.objectNode();
      case 8 -> deep(random, 1 + random.nextInt(random.nextBoolean() ? 50 : 1500));
      case 9 -> {
        ArrayNode strings = NODES.arrayNode();
        for (int k = 0, n = random.nextInt(4); k < n; k++) {
          strings.add(STRINGS[random.nextInt(STRINGS.length)]);
        }
        yield strings;
      }
      case 10 -> {
        ObjectNode map = NODES.objectNode();
        for (int k = 0, n = random.nextInt(4); k < n; k++) {
          map.set(STRINGS[random.nextInt(STRINGS.length)], random.nextBoolean()
              ? NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]) : NODES.numberNode(k));
        }
        yield map;
      }
      case 11 -> NODES.textNode(randomUnicode(random));
      default -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
    };
  }

  private static JsonNode deep(Random random, int depth) {
    JsonNode node = random.nextBoolean() ? NODES.textNode("bottom") : NODES.objectNode();
    boolean arrays = random.nextBoolean();
    for (int d = 0; d < depth; d++) {
      if (arrays) {
        node = NODES.arrayNode().add(node);
      } else {
        ObjectNode wrapper = NODES.objectNode();
        wrapper.set(FIELD_NAMES[d % FIELD_NAMES.length], node);
        node = wrapper;
      }
    }
    return node;
  }

  private static String randomUnicode(Random random) {
    StringBuilder s = new StringBuilder();
    for (int k = 0, n = random.nextInt(12); k < n; k++) {
      int cp = switch (random.nextInt(4)) {
        case 0 -> random.nextInt(0x80);
        case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
        case 2 -> 0x800 + random.nextInt(0xFFFF - 0x800);
        default -> 0x10000 + random.nextInt(0x10FFFF - 0x10000);
      };
      s.appendCodePoint(cp);
    }
    return s.toString();
  }

  private static final byte[][] TOKENS = {
      "{".getBytes(StandardCharsets.UTF_8), "}".getBytes(StandardCharsets.UTF_8), "[".getBytes(StandardCharsets.UTF_8),
      "]".getBytes(StandardCharsets.UTF_8), ",".getBytes(StandardCharsets.UTF_8), ":".getBytes(StandardCharsets.UTF_8),
      "\"".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
      "\\u0000".getBytes(StandardCharsets.UTF_8), "\\ud800".getBytes(StandardCharsets.UTF_8),
      "1e999".getBytes(StandardCharsets.UTF_8), "-".getBytes(StandardCharsets.UTF_8),
      "\"id\": \"x\",".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8),
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x9A, (byte) 0x80}, {0}, "/*c*/".getBytes(StandardCharsets.UTF_8)};

  private static byte[] bytes(Random random, byte[] original) {
    byte[] data = original;
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      int length = data.length;
      int at = length == 0 ? 0 : random.nextInt(length + 1);
      switch (random.nextInt(7)) {
        case 0 -> {
          if (length > 0) {
            int i = Math.min(at, length - 1);
            data = data.clone();
            data[i] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> data = java.util.Arrays.copyOf(data, at); // cut short
        case 2 -> {
          byte[] token = TOKENS[random.nextInt(TOKENS.length)];
          data = splice(data, at, at, token);
        }
        case 3 -> {
          int end = Math.min(length, at + 1 + random.nextInt(32));
          data = splice(data, at, end, new byte[0]);
        }
        case 4 -> {
          int end = Math.min(length, at + 1 + random.nextInt(64));
          byte[] copy = java.util.Arrays.copyOfRange(data, at, end);
          data = splice(data, at, at, copy);
        }
        case 5 -> {
          byte[] junk = new byte[1 + random.nextInt(8)];
          random.nextBytes(junk);
          data = splice(data, at, at, junk);
        }
        default -> {
          if (length > 0) {
            int i = Math.min(at, length - 1);
            data = data.clone();
            data[i] = (byte) "{}[],:\"0 \\".charAt(random.nextInt(10));
          }
        }
      }
    }
    return data;
  }

  private static byte[] splice(byte[] data, int from, int to, byte[] insert) {
    byte[] result = new byte[data.length - (to - from) + insert.length];
    System.arraycopy(data, 0, result, 0, from);
    System.arraycopy(insert, 0, result, from, insert.length);
    System.arraycopy(data, to, result, from + insert.length, data.length - to);
    return result;
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** Writes a failure's input and what happened next to it, for replay. */
  public static void save(Failure failure, Path dir) throws IOException {
    Files.createDirectories(dir);
    String base = String.format("%08d-%s", failure.index(), failure.outcome().name().toLowerCase(java.util.Locale.ROOT));
    Files.write(dir.resolve(base + ".pipeline.json"), failure.input());
    Files.writeString(dir.resolve(base + ".txt"), failure.detail());
  }

  /** For replaying saved inputs: what {@link #check} says of one file's bytes. */
  public String replay(byte[] input) {
    try {
      Check check = check(input);
      return check.outcome + (check.detail.isEmpty() ? "" : ": " + check.detail);
    } catch (RuntimeException | Error e) {
      return "CRASH: " + stackTrace(e);
    }
  }
}
