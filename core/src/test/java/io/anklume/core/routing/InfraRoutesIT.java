package io.anklume.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anklume.core.inventory.InventorySettings;
import io.anklume.core.inventory.LiveInventory;
import io.anklume.core.routing.lab.CaddyProcess;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.StateAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import io.anklume.core.routing.lab.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TUI's routes on the real daemon and a real Caddy: a route added in the session is kept, not synced once. */
class InfraRoutesIT {
    @TempDir
    Path tmp;

    @Test
    void aRouteAddedToAFileThatHadNoneIsKeptInSyncAfterwards() throws Exception {
        try (IncusLab lab = IncusLab.create(); CaddyProcess caddy = CaddyProcess.start(tmp)) {
            String web = lab.name("web");
            String ip = lab.launch(web);
            Path file = tmp.resolve("infra.yml");
            Files.writeString(file, """
                    project_name: keep-it
                    global:
                      addressing: {base_octet: 10, zone_base: 100}
                      routing: {caddy_admin: "%s", server: anklume-it, tls: off, listen: "127.0.0.1:%d"}
                    domains:
                      %s:
                        machines:
                          %s:
                            description: web
                    """.formatted(caddy.adminUrl(), caddy.httpPort(), lab.project(), web));
            CaddyAdmin admin = new CaddyAdmin(caddy.adminUrl(), new ObjectMapper());
            String id = "/id/" + DesiredRoute.idOf(web, 8080);
            try (LiveInventory inventory = new LiveInventory(lab.client(), Clock.systemUTC(), InventorySettings.defaults()).start();
                 InfraRoutes routes = new InfraRoutes(file, inventory, false)) {
                assertTrue(inventory.awaitLoaded(Duration.ofSeconds(20)));
                Eventually.await("the inventory to see " + web + " at " + ip, Duration.ofSeconds(15),
                        () -> AddressBook.of(inventory.current()).ipv4(lab.project(), web).equals(Optional.of(ip)));
                assertTrue(routes.keep(Duration.ofSeconds(1), outcome -> { }).isEmpty(), "nothing to keep yet");

                routes.add(web, "app-" + lab.suffix() + ".test", 8080, null, null);
                assertEquals(ip + ":8080", dial(admin, id));

                lab.client().instances().changeState(lab.project(), web, new StateAction(StateAction.Kind.STOP, 10, true, false))
                        .await(Duration.ofSeconds(30));
                Eventually.await("the route of the stopped " + web + " to answer 503 instead of proxying to " + ip,
                        Duration.ofSeconds(15), () -> "static_response".equals(handler(admin, id)));
            }
        }
    }

    private static String handler(CaddyAdmin admin, String id) {
        try {
            return admin.get(id).map(r -> r.get("handle").get(0).get("handler").asText()).orElse("");
        } catch (CaddyException e) {
            return "";
        }
    }

    private static String dial(CaddyAdmin admin, String id) {
        JsonNode route = admin.get(id).orElseThrow();
        return route.get("handle").get(0).get("upstreams").get(0).get("dial").asText();
    }
}
