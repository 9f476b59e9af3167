package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class TransportsTest {
    @Test
    void theUnixSocketClientSetsUpNoTls() {
        OkHttpClient http = Transports.http(new IncusConfig(new IncusConfig.Endpoint.UnixSocket(Path.of("/nonexistent/unix.socket")),
                Duration.ofSeconds(5), Duration.ofSeconds(5)));
        assertEquals(List.of(ConnectionSpec.CLEARTEXT), http.connectionSpecs());
        // No TLS socket factory was made, so the JDK's trust store was never loaded (~80 ms at start-up).
        assertThrows(IllegalStateException.class, http::sslSocketFactory);
    }

    @Test
    void theUnixSocketRequestsNameAnIpv6LiteralHostWhichOkHttpCanonicalizesWithoutIdn() {
        String base = Transports.baseUrl(new IncusConfig(new IncusConfig.Endpoint.UnixSocket(Path.of("/run/incus.socket")),
                Duration.ofSeconds(5), Duration.ofSeconds(5)));
        assertEquals("::1", okhttp3.HttpUrl.get(base + "/1.0/instances?recursion=1").host());
    }
}
