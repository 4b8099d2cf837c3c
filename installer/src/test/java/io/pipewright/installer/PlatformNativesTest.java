package io.pipewright.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformNativesTest {

  /** Entries of the jars the package ships that Linux x86-64 loads (names as in the jars). */
  @ParameterizedTest
  @ValueSource(strings = {
      "librocksdbjni-linux64.so",
      "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
      "com/sun/jna/linux-x86-64/libjnidispatch.so",
      "META-INF/native/libnetty_transport_native_epoll_x86_64.so",
      "META-INF/native/libnetty_tcnative_linux_x86_64.so",
      "net/jpountz/util/linux/amd64/liblz4-java.so",
      "org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so",
      "linux/amd64/libzstd-jni-1.5.7-6.so",
      "META-INF/native/linux64/libleveldbjni.so",
      "org/apache/commons/crypto/native/Linux/x86_64/libcommons-crypto.so",
      "libglassgtk3.so",
  })
  void keepsWhatThisPlatformLoads(String entry) {
    assertThat(PlatformNatives.isForAnotherPlatform(entry)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "librocksdbjni-linux64-musl.so",
      "librocksdbjni-linux32.so",
      "librocksdbjni-linux-aarch64.so",
      "librocksdbjni-linux-ppc64le.so",
      "librocksdbjni-osx-arm64.jnilib",
      "librocksdbjni-win64.dll",
      "org/sqlite/native/Linux/x86/libsqlitejdbc.so",
      "org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so",
      "org/sqlite/native/FreeBSD/x86_64/libsqlitejdbc.so",
      "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib",
      "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll",
      "com/sun/jna/linux-x86/libjnidispatch.so",
      "com/sun/jna/linux-armel/libjnidispatch.so",
      "com/sun/jna/sunos-x86-64/libjnidispatch.so",
      "com/sun/jna/linux-loongarch64/libjnidispatch.so",
      "META-INF/native/libnetty_transport_native_epoll_aarch_64.so",
      "META-INF/native/libnetty_transport_native_epoll_riscv64.so",
      "META-INF/native/libnetty_tcnative_osx_x86_64.jnilib",
      "META-INF/native/netty_tcnative_windows_x86_64.dll",
      "net/jpountz/util/linux/s390x/liblz4-java.so",
      "darwin/aarch64/libzstd-jni-1.5.7-6.dylib",
      "META-INF/native/windows64/leveldbjni.dll",
      "META-INF/native/libnetty_transport_native_kqueue_x86_64.jnilib",
      "org/xerial/snappy/native/Linux/x86_64-musl/libsnappyjava.so",
      "org/xerial/snappy/native/SunOS/sparc/libsnappyjava.so",
      "aix/ppc64/libzstd-jni-1.5.7-6.so",
  })
  void removesWhatAnotherPlatformWouldLoad(String entry) {
    assertThat(PlatformNatives.isForAnotherPlatform(entry)).isTrue();
  }

  @Test
  void leavesClassesAndResourcesAlone() {
    assertThat(PlatformNatives.isForAnotherPlatform("org/apache/spark/darwin/Mac.class")).isFalse();
    assertThat(PlatformNatives.isForAnotherPlatform("META-INF/native-image/osx/aarch64/reflect-config.json")).isFalse();
  }

  @Test
  void removesOtherPlatformsLibrariesAndKeepsTheRestOfTheJar(@TempDir Path dir) throws IOException {
    Path jar = jar(dir.resolve("rocksdbjni.jar"), "org/rocksdb/RocksDB.class", "librocksdbjni-linux64.so",
        "librocksdbjni-osx-arm64.jnilib", "librocksdbjni-win64.dll", "META-INF/MANIFEST.MF");

    PlatformNatives.Trimmed trimmed = PlatformNatives.trim(jar);

    assertThat(trimmed.entriesRemoved()).isEqualTo(2);
    assertThat(trimmed.dropped()).isFalse();
    assertThat(trimmed.bytesAfter()).isLessThan(trimmed.bytesBefore());
    assertThat(entries(jar)).containsExactlyInAnyOrder("org/rocksdb/RocksDB.class", "librocksdbjni-linux64.so",
        "META-INF/MANIFEST.MF");
  }

  @Test
  void dropsAJarThatHeldOnlyAnotherPlatformsLibrary(@TempDir Path dir) throws IOException {
    Path jar = jar(dir.resolve("netty-transport-native-kqueue-osx-x86_64.jar"),
        "META-INF/native/libnetty_transport_native_kqueue_x86_64.jnilib",
        "META-INF/MANIFEST.MF", "META-INF/maven/io.netty/pom.properties");

    PlatformNatives.Trimmed trimmed = PlatformNatives.trim(jar);

    assertThat(trimmed.dropped()).isTrue();
    assertThat(jar).doesNotExist();
  }

  @Test
  void keepsAJarOfThisPlatformsLibraryUntouched(@TempDir Path dir) throws IOException {
    Path jar = jar(dir.resolve("netty-transport-native-epoll-linux-x86_64.jar"),
        "META-INF/native/libnetty_transport_native_epoll_x86_64.so", "META-INF/MANIFEST.MF");
    long size = Files.size(jar);

    PlatformNatives.Trimmed trimmed = PlatformNatives.trim(jar);

    assertThat(trimmed.entriesRemoved()).isZero();
    assertThat(jar).exists();
    assertThat(Files.size(jar)).isEqualTo(size);
  }

  private static Path jar(Path path, String... names) throws IOException {
    try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String name : names) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(("content of " + name).repeat(100).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return path;
  }

  private static List<String> entries(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
    }
    return names;
  }
}
