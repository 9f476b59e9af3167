package io.anklume.core.infra;

/**
 * The {@code global.routing} section with defaults applied. {@code caddyAdmin} is the Caddy admin API
 * (loopback only), {@code server} the Caddy HTTP server that holds anklume's routes, {@code listen}
 * its listen address when anklume has to create it. {@code sshPorts} (nullable) is the host port range
 * SSH proxy devices are allocated from, {@code sshListen} the host address they listen on.
 */
public record Routing(String caddyAdmin, String server, Tls tls, String listen, PortRange sshPorts, String sshListen) {
    public static final Routing DEFAULTS = new Routing("http://localhost:2019", "srv0", Tls.INTERNAL, ":443", null,
            "0.0.0.0");

    /** off: plain HTTP; internal: Caddy's own CA; acme: Caddy's default (public certificates). */
    public enum Tls { OFF, INTERNAL, ACME }

    /** An inclusive range of TCP ports. */
    public record PortRange(int first, int last) {
        public boolean contains(int port) {
            return port >= first && port <= last;
        }

        @Override
        public String toString() {
            return first + "-" + last;
        }
    }
}
