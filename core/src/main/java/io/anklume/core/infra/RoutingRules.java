package io.anklume.core.infra;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of {@code global.routing}, machine {@code routes} and {@code ssh}: host names, ports,
 * bcrypt hash shapes, one owner per host name and per SSH port, and a Caddy admin API on loopback only.
 */
final class RoutingRules {
    static final Pattern HOST = Pattern.compile(
            "^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    /** Modular crypt format of bcrypt: version, two-digit cost, 22 characters of salt and 31 of hash. */
    static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$(0[4-9]|[12]\\d|3[01])\\$[./A-Za-z0-9]{53}$");
    /** sshpiper's workingdir plugin refuses other user names (and so does useradd). */
    static final Pattern SSH_USER = Pattern.compile("^[a-z_][-a-z0-9_]{0,31}$");
    static final Pattern BASIC_USER = Pattern.compile("^[^:\\s]{1,64}$");

    private final Infra infra;
    private final List<Problem> problems = new ArrayList<>();

    private RoutingRules(Infra infra) {
        this.infra = infra;
    }

    static List<Problem> check(Infra infra) {
        RoutingRules r = new RoutingRules(infra);
        r.run();
        return r.problems;
    }

    private void error(String path, String message) {
        problems.add(Problem.error(infra.source().at(path), path, message));
    }

    private void run() {
        Routing routing = infra.global().routing();
        admin(routing.caddyAdmin());
        if (!Validator.NAME.matcher(routing.server()).matches() && !routing.server().matches("^[A-Za-z0-9_-]+$")) {
            error("global.routing.server", "'" + routing.server() + "' is not a valid Caddy server name (letters, "
                    + "digits, '-' and '_')");
        }
        Routing.PortRange range = routing.sshPorts();
        if (range != null && (range.first() < 1 || range.last() > 65535 || range.first() > range.last())) {
            error("global.routing.ssh_ports", "range " + range + " must be within 1-65535, low end first");
        }
        Map<String, String> hostOwner = new HashMap<>();
        Map<Integer, String> sshPortOwner = new HashMap<>();
        for (Domain d : infra.domains()) {
            for (Machine m : d.machines()) {
                String path = "domains." + d.name() + ".machines." + m.name();
                routes(m, path, hostOwner);
                ssh(m, path, range, sshPortOwner);
            }
        }
    }

    private void admin(String url) {
        String path = "global.routing.caddy_admin";
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                error(path, "must be an http:// URL like http://localhost:2019, got '" + url + "'");
            } else if (!isLoopback(uri.getHost())) {
                error(path, "the Caddy admin API must be on loopback (localhost, 127.0.0.1 or [::1]): it can "
                        + "change every route on the host; got '" + uri.getHost() + "'");
            }
        } catch (IllegalArgumentException e) {
            error(path, "'" + url + "' is not a URL");
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.matches("^127(\\.\\d{1,3}){3}$") || host.equals("[::1]")
                || host.equals("::1");
    }

    private void routes(Machine m, String path, Map<String, String> hostOwner) {
        Map<Integer, Integer> portIndex = new HashMap<>();
        for (int i = 0; i < m.routes().size(); i++) {
            Route r = m.routes().get(i);
            String rpath = path + ".routes[" + i + "]";
            if (r.host().length() > 253 || !HOST.matcher(r.host()).matches()) {
                error(rpath + ".host", "'" + r.host() + "' is not a valid host name (lowercase labels of letters, "
                        + "digits and inner hyphens, separated by dots; '*.' allowed in front)");
            } else {
                String owner = hostOwner.putIfAbsent(r.host(), m.name());
                if (owner != null) {
                    error(rpath + ".host", "host " + r.host() + " is already routed to machine '" + owner
                            + "'; a host name has one target");
                }
            }
            if (r.port() < 1 || r.port() > 65535) {
                error(rpath + ".port", "port " + r.port() + " is not in 1-65535");
            } else {
                Integer first = portIndex.putIfAbsent(r.port(), i);
                if (first != null) {
                    error(rpath + ".port", "port " + r.port() + " is already routed by routes[" + first
                            + "] of this machine; give both host names to one route's machine port once");
                }
            }
            if (r.auth() != null) {
                if (!BASIC_USER.matcher(r.auth().user()).matches()) {
                    error(rpath + ".auth.user", "a basic-auth user name is 1-64 characters without ':' or spaces");
                }
                if (!BCRYPT.matcher(r.auth().passwordHash()).matches()) {
                    error(rpath + ".auth.password_hash", "must be a bcrypt hash ($2a$, $2b$ or $2y$, a cost, then 53 "
                            + "characters), not a password; `anklume-tui route add --user U` hashes one for you");
                }
            }
        }
    }

    private void ssh(Machine m, String path, Routing.PortRange range, Map<Integer, String> owners) {
        SshAccess ssh = m.ssh();
        if (ssh == null) {
            return;
        }
        if (!SSH_USER.matcher(m.name()).matches()) {
            error(path + ".ssh", "machine name '" + m.name() + "' cannot be an sshpiper user name ("
                    + SSH_USER.pattern() + "); it must start with a letter or '_'");
        }
        if (!SSH_USER.matcher(ssh.user()).matches()) {
            error(path + ".ssh.user", "'" + ssh.user() + "' is not a valid user name (" + SSH_USER.pattern() + ")");
        }
        if (ssh.port() == null) {
            if (range == null) {
                error(path + ".ssh", "no ssh port given and no global.routing.ssh_ports range to allocate one from");
            }
            return;
        }
        if (ssh.port() < 1 || ssh.port() > 65535) {
            error(path + ".ssh.port", "port " + ssh.port() + " is not in 1-65535");
            return;
        }
        String owner = owners.putIfAbsent(ssh.port(), m.name());
        if (owner != null) {
            error(path + ".ssh.port", "ssh port " + ssh.port() + " is already used by machine '" + owner + "'");
        }
    }
}
