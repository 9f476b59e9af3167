package io.anklume.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.Route;
import io.anklume.core.net.HostNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routes added and removed as text: comments kept, the result loads with exactly the expected routes. */
class RoutesYamlEditorTest {
    static final String HASH = "$2a$10$ow7UC86yXaSoZSr0mcGxeOYK9DfqsnKnA9RoKR.nxUUXVbXqOibgm";
    static final String HEAD = "# my lab\nproject_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 100}\n"
            + "domains:\n  pro:\n    machines:\n";
    static final Route APP = new Route("app.example.test", 8080, new Route.Auth("alice", HASH));
    final RoutesYamlEditor editor = new RoutesYamlEditor("infra.yml");

    static List<Route> routes(String text, String machine) {
        InfraFiles.Loaded loaded = InfraFiles.parse("infra.yml", text, HostNetworks.none());
        assertEquals(List.of(), loaded.problems(), text);
        Infra infra = loaded.infra();
        return infra.machine(machine).orElseThrow().routes();
    }

    @Test
    void addsToAMachineWithoutRoutesKeepingComments() {
        String before = HEAD + "      web:\n        type: lxc  # the web server\n      db: {}\n";
        String after = editor.addRoute(before, "web", APP);
        assertEquals(HEAD + "      web:\n        type: lxc  # the web server\n        routes:\n"
                + "          - host: app.example.test\n            port: 8080\n            auth:\n"
                + "              user: \"alice\"\n              password_hash: \"" + HASH + "\"\n      db: {}\n", after);
        assertEquals(List.of(APP), routes(after, "web"));
    }

    @Test
    void addsAfterExistingRoutes() {
        String before = HEAD + "      web:\n        routes:\n          - {host: www.example.test, port: 80}\n"
                + "        # routes above\n";
        String after = editor.addRoute(before, "web", new Route("api.example.test", 9000, null));
        assertEquals(List.of(new Route("www.example.test", 80, null), new Route("api.example.test", 9000, null)),
                routes(after, "web"));
        assertTrue(after.contains("# routes above"));
    }

    @Test
    void addsToAnEmptyOrNullMachine() {
        assertEquals(List.of(APP), routes(editor.addRoute(HEAD + "      web: {}\n", "web", APP), "web"));
        assertEquals(List.of(APP), routes(editor.addRoute(HEAD + "      web:\n      db:\n", "web", APP), "web"));
    }

    @Test
    void removesOneRouteAndTheKeyWithTheLast() {
        String two = editor.addRoute(HEAD + "      web:\n        type: lxc\n        routes:\n"
                + "          - host: www.example.test\n            port: 80\n", "web", APP);
        RoutesYamlEditor.Removal one = editor.removeRoute(two, "www.example.test");
        assertEquals("web", one.machine());
        assertEquals(List.of(APP), routes(one.text(), "web"));
        String none = editor.removeRoute(one.text(), "app.example.test").text();
        assertEquals(HEAD + "      web:\n        type: lxc\n", none);
    }

    @Test
    void refusesWhatItCannotEditSafely() {
        assertThrows(RoutesYamlEditor.EditException.class,
                () -> editor.addRoute(HEAD + "      web: {type: lxc}\n", "web", APP));
        assertThrows(RoutesYamlEditor.EditException.class,
                () -> editor.addRoute(HEAD + "      web:\n        routes: [{host: a.test, port: 80}]\n", "web", APP));
        RoutesYamlEditor.EditException e = assertThrows(RoutesYamlEditor.EditException.class,
                () -> editor.addRoute(HEAD + "      web: {}\n", "nope", APP));
        assertEquals("infra.yml: machine nope is not declared", e.getMessage());
        assertThrows(RoutesYamlEditor.EditException.class, () -> editor.removeRoute(HEAD + "      web: {}\n", "x.test"));
    }
}
