package io.anklume.core.rename;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.inventory.InventorySettings;
import io.anklume.core.inventory.LiveInventory;
import io.anklume.core.routing.CaddyAdmin;
import io.anklume.core.routing.DesiredRoute;
import io.anklume.core.routing.InfraRoutes;
import io.anklume.core.routing.RouteKeeper;
import io.anklume.core.routing.lab.CaddyProcess;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.StateAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import io.anklume.core.routing.lab.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rename on the real daemon with a real Caddy, wired as the TUI wires it (the file's route keeper
 * running): the machine's route follows the instance to its new name, and the old route is gone.
 */
class RenameIT {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void aRenamedMachineTakesItsRouteToItsNewName() throws Exception {
        try (IncusLab lab = IncusLab.create(); CaddyProcess caddy = CaddyProcess.start(tmp)) {
            String web = lab.name("web");
            String site = lab.name("site");
            String host = "app-" + lab.suffix() + ".test";
            lab.instance(web, Map.of("user.anklume.managed", "true", "user.anklume.domain", lab.project(),
                    "user.anklume.trust", "trusted"), false);
            Path file = tmp.resolve("infra.yml");
            Files.writeString(file, """
                    project_name: rename-it
                    global:
                      addressing: {base_octet: 10, zone_base: 100}
                      routing: {caddy_admin: "%s", server: anklume-it, tls: off, listen: "127.0.0.1:%d"}
                    domains:
                      %s:
                        machines:
                          %s:   # the site
                            routes:
                              - host: %s
                                port: 8080
                    """.formatted(caddy.adminUrl(), caddy.httpPort(), lab.project(), web, host));
            CaddyAdmin admin = new CaddyAdmin(caddy.adminUrl(), new ObjectMapper());
            String oldId = "/id/" + DesiredRoute.idOf(web, 8080);
            String newId = "/id/" + DesiredRoute.idOf(site, 8080);
            try (LiveInventory inventory = new LiveInventory(lab.client(), Clock.systemUTC(), InventorySettings.defaults()).start()) {
                InfraRoutes routes = new InfraRoutes(file, inventory, false);
                RouteKeeper keeper = routes.keep(Duration.ofSeconds(1), outcome -> { }).orElseThrow();
                try {
                    Eventually.await("the route of " + web, Duration.ofSeconds(15), () -> has(admin, oldId));

                    Renamer.Renamed renamed = new Renamer(lab.client(), false).rename(new InstanceRef(lab.project(), web), site, file);
                    routes.sync();

                    assertEquals(java.util.List.of(host), renamed.routes());
                    assertTrue(Files.readString(file).contains("      " + site + ":   # the site\n"), Files.readString(file));
                    assertTrue(has(admin, newId), "the route now has the new name's id");
                    assertFalse(has(admin, oldId), "the old name's route is gone");
                    lab.client().instances().changeState(lab.project(), site, new StateAction(StateAction.Kind.START, 10, false, false))
                            .await(Duration.ofSeconds(60));
                    lab.waitForIpv4(site, Duration.ofSeconds(20));
                    var r = lab.exec(site, "sh", "-c", "mkdir -p /var/www && echo page-of-" + site
                            + " > /var/www/index.html && busybox httpd -p 8080 -h /var/www");
                    assertEquals(0, r.exitCode(), r::stderr);
                    Eventually.await("the page of " + site + " through Caddy", Duration.ofSeconds(15),
                            () -> fetch(caddy, host).equals("200 page-of-" + site));
                } finally {
                    keeper.close();
                }
            }
        }
    }

    @Test
    void inAnInfraDirectoryTheDomainFileAndThePoliciesFollowAndSoDoesTheRoute() throws Exception {
        try (IncusLab lab = IncusLab.create(); CaddyProcess caddy = CaddyProcess.start(tmp)) {
            String web = lab.name("web");
            String site = lab.name("site");
            String host = "dir-" + lab.suffix() + ".test";
            lab.instance(web, Map.of("user.anklume.managed", "true", "user.anklume.domain", lab.project(),
                    "user.anklume.trust", "trusted"), false);
            Path infra = Files.createDirectories(tmp.resolve("infra").resolve("domains")).getParent();
            String base = """
                    project_name: rename-dir-it
                    global:
                      addressing: {base_octet: 10, zone_base: 100}
                      routing: {caddy_admin: "%s", server: anklume-it, tls: off, listen: "127.0.0.1:%d"}
                    """.formatted(caddy.adminUrl(), caddy.httpPort());
            Files.writeString(infra.resolve("base.yml"), base);
            String domain = """
                    %s:
                      machines:
                        %s:   # the site
                          routes:
                            - host: %s
                              port: 8080
                    """.formatted(lab.project(), web, host);
            Files.writeString(infra.resolve("domains").resolve(lab.project() + ".yml"), domain);
            String policies = "network_policies:\n  - {from: host, to: " + web + ", ports: [8080]}\n";
            Files.writeString(infra.resolve("policies.yml"), policies);
            Path file = tmp.resolve("infra.yml"); // missing: the directory beside it is read, as anklume reads it
            CaddyAdmin admin = new CaddyAdmin(caddy.adminUrl(), new ObjectMapper());
            try (LiveInventory inventory = new LiveInventory(lab.client(), Clock.systemUTC(), InventorySettings.defaults()).start()) {
                InfraRoutes routes = new InfraRoutes(file, inventory, false);
                routes.sync();
                assertTrue(has(admin, "/id/" + DesiredRoute.idOf(web, 8080)), "the route of " + web);

                Renamer.Renamed renamed = new Renamer(lab.client(), false).rename(new InstanceRef(lab.project(), web), site, file);
                routes.sync();

                assertEquals(infra, renamed.infraFile());
                assertEquals(java.util.List.of(host), renamed.routes());
                assertEquals(domain.replace(web + ":   # the site", site + ":   # the site"),
                        Files.readString(infra.resolve("domains").resolve(lab.project() + ".yml")));
                assertEquals(policies.replace("to: " + web, "to: " + site), Files.readString(infra.resolve("policies.yml")));
                assertEquals(base, Files.readString(infra.resolve("base.yml")));
                assertFalse(Files.exists(file), "no infra.yml beside the directory");
                assertEquals(site, lab.client().instances().get(lab.project(), site).name());
                assertTrue(has(admin, "/id/" + DesiredRoute.idOf(site, 8080)), "the route now has the new name's id");
                assertFalse(has(admin, "/id/" + DesiredRoute.idOf(web, 8080)), "the old name's route is gone");
            }
        }
    }

    /** Caddy answers an unknown {@code /id/...} with 404. */
    private static boolean has(CaddyAdmin admin, String path) {
        try {
            return admin.get(path).isPresent();
        } catch (io.anklume.core.routing.CaddyException e) {
            return false;
        }
    }

    private static String fetch(CaddyProcess caddy, String host) {
        Request request = new Request.Builder().url("http://127.0.0.1:" + caddy.httpPort() + "/").header("Host", host).build();
        try (Response r = HTTP.newCall(request).execute()) {
            return r.code() + " " + (r.body() == null ? "" : r.body().string().strip());
        } catch (java.io.IOException e) {
            return "-1 " + e.getMessage();
        }
    }
}
