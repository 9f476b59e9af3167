package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.Route;
import io.anklume.core.net.Addressing;
import io.anklume.core.net.HostNetworks;
import io.anklume.core.routing.PasswordHasher;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** route add/remove edit the file (no Incus or Caddy with --no-sync); the password never leaves as text. */
class RouteCommandTest {
    static final String PASSWORD = "s3cret-Pa55";
    static final String YAML = """
            project_name: t   # comment kept
            global:
              addressing: {base_octet: 10, zone_base: 100}
            domains:
              pro:
                machines:
                  web:
                    type: lxc
            """;

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String stdin, String... args) {
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(stdin)),
                DefaultInfraSource.INSTANCE, Addressing::allocate, () -> {
                    throw new AssertionError("no Incus expected");
                }, () -> false);
        return new Cli(env).run(List.of(args));
    }

    @Test
    void addHashesThePasswordFromStdinAndRemoveTakesTheRouteAway() throws IOException {
        Path file = Files.writeString(dir.resolve("infra.yml"), YAML);
        assertEquals(0, run(PASSWORD + "\n", "route", "add", file.toString(), "web", "app.example.test", "8080",
                "--user", "alice", "--no-sync"), err::toString);
        String text = Files.readString(file);
        assertTrue(text.contains("# comment kept"));
        assertFalse(text.contains(PASSWORD));
        assertFalse(out.toString().contains(PASSWORD) || err.toString().contains(PASSWORD));
        List<Route> routes = InfraFiles.parse("infra.yml", text, HostNetworks.none()).infra().machine("web")
                .orElseThrow().routes();
        assertEquals(1, routes.size());
        assertEquals("alice", routes.get(0).auth().user());
        assertTrue(PasswordHasher.matches(PASSWORD.toCharArray(), routes.get(0).auth().passwordHash()));

        assertEquals(0, run("", "route", "remove", file.toString(), "app.example.test", "--no-sync"), err::toString);
        assertEquals(YAML, Files.readString(file));
    }

    @Test
    void anInvalidResultLeavesTheFileAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("infra.yml"), YAML);
        assertEquals(1, run("", "route", "add", file.toString(), "web", "Bad_Host", "80", "--no-sync"));
        assertTrue(err.toString().contains("the file would become invalid"), err::toString);
        assertTrue(err.toString().contains("'Bad_Host' is not a valid host name"), err::toString);
        assertEquals(YAML, Files.readString(file));
        assertEquals(1, run("", "route", "add", file.toString(), "nope", "a.test", "80", "--no-sync"));
        assertTrue(err.toString().contains("machine nope is not declared"), err::toString);
        assertEquals(1, run("", "route", "add", file.toString(), "web", "a.test", "99999", "--no-sync"));
        assertTrue(err.toString().contains("PORT must be 1-65535"), err::toString);
    }
}
