package io.anklume.incus;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach Incus and how long to wait. {@code callTimeout} bounds each HTTP call;
 * {@code operationTimeout} is the default for {@link OperationHandle#await()}.
 */
public record IncusConfig(Endpoint endpoint, Duration callTimeout, Duration operationTimeout) {

    public static final Path DEFAULT_SOCKET = Path.of("/var/lib/incus/unix.socket");

    /** The local socket, honouring {@code INCUS_SOCKET}. */
    public static IncusConfig local() {
        String env = System.getenv("INCUS_SOCKET");
        Path socket = env == null || env.isBlank() ? DEFAULT_SOCKET : Path.of(env);
        return new IncusConfig(new Endpoint.UnixSocket(socket), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    public sealed interface Endpoint {
        /** Local daemon over its unix socket. */
        record UnixSocket(Path path) implements Endpoint {}

        /**
         * Remote or clustered daemon over HTTPS with a client certificate (PEM files) and the server
         * certificate pinned by its SHA-256 fingerprint (hex); {@code target} picks a cluster member or is null.
         */
        record Https(URI url, Path clientCertificate, Path clientKey, String serverFingerprintSha256, String target)
                implements Endpoint {}
    }
}
