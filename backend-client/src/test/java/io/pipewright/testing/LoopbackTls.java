package io.pipewright.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for 127.0.0.1, made by the JDK's keytool, for test servers that must
 * speak HTTPS: azure-identity refuses an authority host that is not https ("Authority host must use
 * https scheme."). The server side is {@link #serverSockets()} (MockWebServer.useHttps); a client
 * trusts it with {@link #trustManager()}, or, in a child JVM, with {@link #trustStoreOptions()}.
 */
public final class LoopbackTls {
  static final String PASSWORD = "changeit";
  private final Path keyStore;
  private final KeyStore store;

  private LoopbackTls(Path keyStore, KeyStore store) {
    this.keyStore = keyStore;
    this.store = store;
  }

  /** Makes the key pair and certificate in {@code dir} (about a second: keytool is a JVM). */
  public static LoopbackTls create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    Path file = dir.resolve("loopback.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "loopback", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD))
        .redirectErrorStream(true).start();
    String output = ProcessOutput.of(p, java.time.Duration.ofSeconds(60));
    if (p.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return new LoopbackTls(file, store);
  }

  /** For the server: its certificate and key. */
  public SSLSocketFactory serverSockets() throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context.getSocketFactory();
  }

  /** For a client in this JVM: trusts the certificate (and nothing else). */
  public X509TrustManager trustManager() throws GeneralSecurityException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    return (X509TrustManager) trust.getTrustManagers()[0];
  }

  /** A client's socket factory that trusts the certificate. */
  public SSLSocketFactory clientSockets() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
    return context.getSocketFactory();
  }

  /** JVM options of a child JVM whose default trust is this certificate (OkHttp's default then trusts it). */
  public List<String> trustStoreOptions() {
    return List.of("-Djavax.net.ssl.trustStore=" + keyStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
  }
}
