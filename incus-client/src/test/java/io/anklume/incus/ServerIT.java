package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Resources;
import io.anklume.incus.model.ServerInfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerIT {
    static IncusClient client;

    @BeforeAll
    static void connect() {
        client = IncusLab.connect();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void serverInfoNamesVersionAndExtensions() {
        ServerInfo info = client.server().info();
        assertEquals("trusted", info.auth());
        assertTrue(info.serverVersion().matches("\\d+\\.\\d+.*"), info.serverVersion());
        assertTrue(info.hasExtension("projects"));
        assertFalse(info.serverClustered());
    }

    @Test
    void hostResourcesListCpusMemoryAndGpus() {
        Resources r = client.server().resources();
        assertEquals(Runtime.getRuntime().availableProcessors(), r.cpu().total());
        assertTrue(r.memory().total() > r.memory().used() && r.memory().used() > 0);
        assertEquals(r.gpu().total(), r.gpu().cards() == null ? 0 : r.gpu().cards().size());
    }

    @Test
    void storagePoolsIncludeTheLabPool() {
        assertTrue(client.storagePools().list().stream().anyMatch(p -> p.name().equals("default") && p.driver() != null));
    }

    @Test
    void missingSocketIsExplained() {
        IncusConfig config = new IncusConfig(new IncusConfig.Endpoint.UnixSocket(Path.of("/run/no-such-incus.socket")),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (IncusClient c = IncusClient.connect(config)) {
            IncusException e = assertThrows(IncusException.class, () -> c.server().info());
            assertEquals(0, e.status());
            assertTrue(e.getMessage().contains("no Incus socket at /run/no-such-incus.socket"), e.getMessage());
        }
    }
}
