package io.pipewright.http;

import okhttp3.OkHttpClient;

/**
 * The app's one {@link OkHttpClient}: one connection pool, one dispatcher, default timeouts
 * ({@link Timeouts#DEFAULT}), and debug logging on the logger {@code io.pipewright.http} with
 * secrets masked. Variants (other timeouts, interceptors) come from {@code shared().newBuilder()},
 * which keeps the pool and the dispatcher; {@link RestClient} does that.
 */
public final class Http {
  private Http() {}

  /** The shared client, made on first use. */
  public static OkHttpClient shared() {
    return Holder.CLIENT;
  }

  private static final class Holder {
    static final OkHttpClient CLIENT = new OkHttpClient.Builder()
        .connectTimeout(Timeouts.DEFAULT.connect())
        .readTimeout(Timeouts.DEFAULT.read())
        .writeTimeout(Timeouts.DEFAULT.read())
        .callTimeout(Timeouts.DEFAULT.call())
        .addNetworkInterceptor(new HttpLogging())
        .build();
  }
}
