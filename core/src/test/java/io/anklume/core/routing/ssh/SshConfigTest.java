package io.anklume.core.routing.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SshConfigTest {
    @Test
    void oneHostBlockPerRoute() {
        assertEquals("""
                # anklume-tui ssh-config: SSH routes through host.example.test

                Host web
                    HostName host.example.test
                    Port 22000
                    User root
                    HostKeyAlias anklume-web

                Host db
                    HostName host.example.test
                    Port 22001
                    User admin
                    HostKeyAlias anklume-db
                """, SshConfig.render(List.of(new SshRoute("web", "pro", 22000, "root", "10.0.0.1"),
                new SshRoute("db", "pro", 22001, "admin", null)), "host.example.test"));
    }
}
