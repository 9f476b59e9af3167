package io.anklume.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anklume.core.ActionException;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.InfraEdits;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.InfraTarget;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.Problem;
import io.anklume.core.infra.Route;
import io.anklume.core.infra.Routing;
import io.anklume.core.net.HostNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * HTTP routing for front ends: the state of every declared route, one reconciliation, and adding or
 * removing a route in infra.yml (kept valid, replaced atomically, comments kept). {@code readOnly}
 * refuses every change.
 */
public final class RouteService {
    /**
     * Caddy's JSON, set up when Caddy is first talked to: a screen makes its RouteService before its
     * first frame, and a mapper set up with the class cost ~150 ms of that path (databind, and the
     * CLDR calendar data behind its date format).
     */
    private static final class CaddyMapper {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final boolean readOnly;

    public RouteService(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public static CaddyAdmin caddy(Infra infra) {
        return new CaddyAdmin(infra.global().routing().caddyAdmin(), CaddyMapper.MAPPER);
    }

    /** Every declared route and whether Caddy holds exactly it ({@code UNKNOWN} when Caddy does not answer). */
    public List<RouteStatus> status(Infra infra, AddressBook addresses) {
        List<DesiredRoute> desired = DesiredRoutes.of(infra, addresses);
        Map<String, JsonNode> current;
        try {
            current = new RouteReconciler(caddy(infra)).current(infra.global().routing());
        } catch (CaddyException e) {
            current = null;
        }
        List<RouteStatus> out = new ArrayList<>();
        for (DesiredRoute d : desired) {
            RouteStatus.State state;
            if (current == null) {
                state = RouteStatus.State.UNKNOWN;
            } else if (!current.containsKey(d.id())) {
                state = RouteStatus.State.MISSING;
            } else {
                state = current.get(d.id()).equals(CaddyJson.route(d)) ? RouteStatus.State.IN_SYNC
                        : RouteStatus.State.DIFFERENT;
            }
            out.add(new RouteStatus(d.id(), d.instance(), d.host(), url(infra.global().routing(), d.host()), d.target(),
                    d.auth() != null, state));
        }
        return out;
    }

    /** The routes of one machine (empty when infra.yml has none for it). */
    public List<RouteStatus> statusOf(Infra infra, String machine, AddressBook addresses) {
        if (infra.machine(machine).map(m -> m.routes().isEmpty()).orElse(true)) {
            return List.of();
        }
        return status(infra, addresses).stream().filter(r -> r.instance().equals(machine)).toList();
    }

    public SyncReport sync(Infra infra, AddressBook addresses) {
        if (readOnly) {
            throw new ActionException("routes", "sync", "anklume-tui runs in read-only mode");
        }
        return new RouteReconciler(caddy(infra)).sync(infra.global().routing(), DesiredRoutes.of(infra, addresses));
    }

    /** The URL people open: the scheme from {@code tls}, the port only when it is not the scheme's own. */
    public static String url(Routing routing, String host) {
        String scheme = routing.tls() == Routing.Tls.OFF ? "http" : "https";
        String listen = routing.listen();
        String port = listen.contains(":") ? listen.substring(listen.lastIndexOf(':') + 1) : "";
        boolean standard = port.isEmpty() || (scheme.equals("http") && port.equals("80"))
                || (scheme.equals("https") && port.equals("443"));
        return scheme + "://" + host + (standard ? "" : ":" + port) + "/";
    }

    /**
     * Declares a route on {@code machine}; {@code password} (nullable, wiped) is hashed here. The file
     * is only replaced when it is still valid with the route.
     */
    public void addRoute(Path infraFile, String machine, String host, int port, String user, char[] password) {
        String target = host + " in " + infraFile;
        Route.Auth auth = null;
        if (user != null) {
            if (password == null) {
                throw new ActionException(target, "add route", "a user needs a password");
            }
            auth = new Route.Auth(user, PasswordHasher.hash(password));
        } else if (password != null) {
            java.util.Arrays.fill(password, '\0');
        }
        Route route = new Route(host, port, auth);
        edit(infraFile, target, "add route", infra -> Optional.of(machine),
                (editor, text) -> editor.addRoute(text, machine, route));
    }

    /** Removes the route of {@code host}; returns the machine it belonged to. */
    public String removeRoute(Path infraFile, String host) {
        String[] machine = new String[1];
        edit(infraFile, host + " in " + infraFile, "remove route",
                infra -> infra.machines().filter(m -> m.routes().stream().anyMatch(r -> r.host().equals(host)))
                        .map(Machine::name).findFirst(),
                (editor, text) -> {
                    RoutesYamlEditor.Removal r = editor.removeRoute(text, host);
                    machine[0] = r.machine();
                    return r.text();
                });
        return machine[0];
    }

    /**
     * Applies {@code change} to the infra file, or, in an infra/ directory, to the file defining the
     * domain of the machine {@code machineIn} finds (then the whole directory is read again and the file
     * put back when it no longer loads).
     */
    private void edit(Path infraFile, String target, String action,
                      Function<Infra, Optional<String>> machineIn,
                      BiFunction<RoutesYamlEditor, String, String> change) {
        if (readOnly) {
            throw new ActionException(target, action, "anklume-tui runs in read-only mode");
        }
        if (InfraTarget.directory(infraFile) != null) {
            editInDirectory(infraFile, target, action, machineIn, change);
            return;
        }
        try {
            String before = Files.readString(infraFile);
            String after = change.apply(new RoutesYamlEditor(infraFile.toString()), before);
            Problem first = InfraFiles.parse(infraFile.toString(), after, HostNetworks.detect()).firstError();
            if (first != null) {
                throw new ActionException(target, action, "the file would become invalid: " + first);
            }
            InfraFiles.writeAtomically(infraFile, after);
        } catch (IOException e) {
            throw new ActionException(target, action, e.getMessage(), e);
        } catch (RoutesYamlEditor.EditException e) {
            throw new ActionException(target, action, e.getMessage(), e);
        }
    }

    private void editInDirectory(Path infraFile, String target, String action,
                                 Function<Infra, Optional<String>> machineIn,
                                 BiFunction<RoutesYamlEditor, String, String> change) {
        Infra infra = InfraEdits.loadDirectory(infraFile, reason -> new ActionException(target, action, reason));
        Machine machine = machineIn.apply(infra).flatMap(infra::machine).orElseThrow(() -> new ActionException(target,
                action, "no such machine or route in " + InfraTarget.directory(infraFile)));
        InfraTarget where = InfraTarget.of(infraFile, machine.domain());
        Path file = where.file();
        try {
            String before = Files.readString(file);
            String after = change.apply(new RoutesYamlEditor(file.toString(), where.domainFile()), before);
            Problem first = InfraEdits.applyToDirectory(infraFile, List.of(new InfraEdits.Change(file, before, after)))
                    .firstError();
            if (first != null) {
                throw new ActionException(target, action, "the infra directory would become invalid: " + first);
            }
        } catch (IOException e) {
            throw new ActionException(target, action, e.getMessage(), e);
        } catch (RoutesYamlEditor.EditException e) {
            throw new ActionException(target, action, e.getMessage(), e);
        }
    }
}
