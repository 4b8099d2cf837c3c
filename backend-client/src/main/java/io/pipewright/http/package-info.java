/**
 * The project's one HTTP layer: one shared OkHttp client ({@link io.pipewright.http.Http}), JSON
 * over HTTP to one server with timeouts, retries, authentication and cancellation
 * ({@link io.pipewright.http.RestClient}), and one exception for every remote failure
 * ({@link io.pipewright.http.RemoteException}). The remote backends (standalone, livy, azureml)
 * build on it; it imports nothing of the rest of the project (checked by {@code ArchitectureTest}).
 */
package io.pipewright.http;
