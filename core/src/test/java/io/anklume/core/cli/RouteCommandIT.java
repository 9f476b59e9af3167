package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.routing.lab.CaddyProcess;
import io.anklume.incus.lab.IncusLab;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end: real Incus, the test's own caddy, a busybox httpd container. */
class RouteCommandIT {
    @TempDir
    Path tmp;

    @Test
    void syncListAndSshConfigOnTheRealThing() throws IOException {
        try (IncusLab lab = IncusLab.create(); CaddyProcess caddy = CaddyProcess.start(tmp)) {
            String web = lab.name("web");
            String ip = lab.launch(web);
            assertEquals(0, lab.exec(web, "sh", "-c", "mkdir -p /var/www && echo cli-page > /var/www/index.html"
                    + " && busybox httpd -p 8080 -h /var/www").exitCode());
            int sshPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                sshPort = s.getLocalPort();
            }
            String host = "cli-" + lab.suffix() + ".test";
            Path file = Files.writeString(tmp.resolve("infra.yml"), """
                    project_name: cli-it
                    global:
                      addressing: {base_octet: 10, zone_base: 100}
                      routing:
                        caddy_admin: "%s"
                        server: anklume-cli
                        tls: off
                        listen: "127.0.0.1:%d"
                        ssh_ports: "%d-%d"
                        ssh_listen: 127.0.0.1
                    domains:
                      %s:
                        machines:
                          %s:
                            ssh: true
                    """.formatted(caddy.adminUrl(), caddy.httpPort(), sshPort, sshPort, lab.project(), web));

            assertEquals(0, run("", "route", "add", file.toString(), web, host, "8080", "--no-sync"));
            assertEquals(0, run("", "route", "sync", file.toString()));
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
            try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + caddy.httpPort() + "/")
                    .header("Host", host).build()).execute()) {
                assertEquals(200, r.code());
                assertEquals("cli-page", r.body().string().strip());
            }

            String list = output("route", "list", file.toString());
            assertTrue(list.contains("http://" + host + ":" + caddy.httpPort() + "/"), list);
            assertTrue(list.contains(ip + ":8080") && list.contains("in sync"), list);
            assertTrue(list.contains(web) && list.contains(String.valueOf(sshPort)), list);

            String config = output("ssh-config", file.toString());
            assertTrue(config.contains("Host " + web + "\n    HostName 127.0.0.1\n    Port " + sshPort + "\n"), config);

            Path piper = tmp.resolve("sshpiper");
            assertEquals(0, run("", "ssh-config", file.toString(), "--sshpiper", piper.toString()));
            assertEquals("# written by anklume-tui\nroot@" + ip + ":22\n",
                    Files.readString(piper.resolve(web).resolve("sshpiper_upstream")));
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String stdin, String... args) {
        out.reset();
        err.reset();
        CliEnvironment env = CliEnvironment.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = new Cli(env).run(List.of(args));
        if (code != 0) {
            throw new AssertionError(String.join(" ", args) + " exited " + code + ": " + err);
        }
        return code;
    }

    String output(String... args) {
        run("", args);
        return out.toString(StandardCharsets.UTF_8);
    }
}
