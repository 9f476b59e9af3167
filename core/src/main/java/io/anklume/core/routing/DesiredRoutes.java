package io.anklume.core.routing;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.Route;
import java.util.ArrayList;
import java.util.List;

/** The routes infra.yml declares, each aimed at its machine's current address. */
public final class DesiredRoutes {
    private DesiredRoutes() {}

    public static List<DesiredRoute> of(Infra infra, AddressBook addresses) {
        List<DesiredRoute> out = new ArrayList<>();
        infra.machines().forEach(m -> out.addAll(of(m, addresses)));
        return List.copyOf(out);
    }

    static List<DesiredRoute> of(Machine m, AddressBook addresses) {
        String ip = m.routes().isEmpty() ? null : addresses.ipv4(m.domain(), m.name()).orElse(null);
        List<DesiredRoute> out = new ArrayList<>();
        for (Route r : m.routes()) {
            out.add(new DesiredRoute(DesiredRoute.idOf(m.name(), r.port()), m.name(), r.host(), r.port(), ip, r.auth()));
        }
        return out;
    }
}
