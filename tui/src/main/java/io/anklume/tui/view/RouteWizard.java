package io.anklume.tui.view;

import io.anklume.core.inventory.InstanceView;
import io.anklume.core.routing.RouteStatus;
import io.anklume.tui.App;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code R}: host, port, then an optional user and its password (shown as stars, hashed in core); the
 * route is declared in the infra file and Caddy synced. {@code U}: the host of one of the instance's routes.
 */
final class RouteWizard {
    private static final Pattern HOST = Pattern.compile("^(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$");

    private final App app;
    private final InstanceView instance;
    private final Runnable reload;
    private String host;
    private int port;

    RouteWizard(App app, InstanceView instance, Runnable reload) {
        this.app = app;
        this.instance = instance;
        this.reload = reload;
    }

    void add() {
        if (app.services().infraFile() == null) {
            app.error("routes are declared in infra.yml: start with --infra FILE (or have ./infra.yml)");
            return;
        }
        app.prompt("route host for " + instance.name() + " (e.g. app.example.test): ", "", t -> List.of(),
                this::withHost, t -> { });
    }

    private void withHost(String text) {
        host = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            app.error("'" + host + "' is not a host name (letters, digits, inner hyphens, dots)");
            return;
        }
        app.prompt("port in " + instance.name() + ": ", "80", t -> List.of(), this::withPort, t -> { });
    }

    private void withPort(String text) {
        try {
            port = Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            port = 0;
        }
        if (port < 1 || port > 65535) {
            app.error("the port must be 1-65535, got '" + text + "'");
            return;
        }
        app.prompt("basic-auth user (empty: no password asked): ", "", t -> List.of(), this::withUser, t -> { });
    }

    private void withUser(String text) {
        String user = text == null ? "" : text.strip();
        if (user.isEmpty()) {
            declare(null, null);
            return;
        }
        app.secretPrompt("password for " + user + ": ", password -> {
            if (password.length == 0) {
                app.error("empty password: route not added");
                return;
            }
            declare(user, password);
        });
    }

    private void declare(String user, char[] password) {
        app.run("adding " + host + " → " + instance.name() + ":" + port, () -> {
            try {
                app.services().routes().add(instance, host, port, user, password);
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
            app.later(reload);
        }, "route " + host + " → " + instance.name() + ":" + port + " added to " + app.services().infraFile());
    }

    void remove(List<RouteStatus> routes) {
        List<String> hosts = routes.stream().map(RouteStatus::host).toList();
        if (hosts.isEmpty()) {
            app.error(instance.name() + " has no route to remove");
            return;
        }
        app.prompt("remove route of host: ", hosts.size() == 1 ? hosts.get(0) : "",
                typed -> hosts.stream().filter(h -> h.startsWith(typed.strip())).toList(), text -> {
                    String h = text == null ? "" : text.strip();
                    if (!hosts.contains(h)) {
                        app.error("'" + h + "' is not a route of " + instance.name() + " (" + String.join(", ", hosts) + ")");
                        return;
                    }
                    app.confirm("Remove the route of " + h + " from " + app.services().infraFile() + "? [y/N]",
                            () -> app.run("removing " + h, () -> {
                                app.services().routes().remove(instance, h);
                                app.later(reload);
                            }, "route " + h + " removed"));
                }, t -> { });
    }
}
