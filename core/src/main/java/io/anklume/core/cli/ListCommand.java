package io.anklume.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.anklume.core.plan.Markers;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceState;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class ListCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliEnvironment env;

    ListCommand(CliEnvironment env) {
        this.env = env;
    }

    /** One row of the listing; {@code ipv4} is empty when the instance has no global IPv4 address. */
    record Row(String name, String project, String status, String ipv4, boolean managed, String domain, String trust,
               boolean disposable) {}

    public String name() { return "list"; }

    public String summary() { return "list [--json]            every instance of every project"; }

    public String help() {
        return """
                Usage: anklume-tui list [--json]

                Lists every instance of every Incus project: name, project, status, IPv4 address and
                whether anklume manages it (user.anklume.managed).

                Options:
                  --json   print a JSON array of {name, project, status, ipv4, managed, domain, trust}

                Exit codes: 0 success, 1 failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--json"), Set.of());
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        if (!args.positional().isEmpty()) {
            throw new Args.UsageException("list takes no file, got " + args.positional());
        }
        List<Row> rows;
        try (IncusClient incus = env.incus().get()) {
            rows = incus.instances().listAllProjects(true).stream().map(ListCommand::row)
                    .sorted(Comparator.comparing(Row::project).thenComparing(Row::name)).toList();
        }
        if (args.has("--json")) {
            try {
                env.out().println(JSON.writeValueAsString(rows));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            print(rows);
        }
        return OK;
    }

    static Row row(Instance i) {
        Map<String, String> config = i.config() == null ? Map.of() : i.config();
        return new Row(i.name(), i.project() == null || i.project().isEmpty() ? "default" : i.project(), i.status(),
                ipv4(i.state()), "true".equals(config.get(Markers.MANAGED)),
                config.getOrDefault(Markers.DOMAIN, ""), config.getOrDefault(Markers.TRUST, ""),
                "true".equals(config.get(io.anklume.core.inventory.InstanceMapper.DISPOSABLE)));
    }

    /** The first global IPv4 address, eth0 first. */
    static String ipv4(InstanceState state) {
        if (state == null || state.network() == null) {
            return "";
        }
        List<String> names = new ArrayList<>(state.network().keySet());
        names.sort(Comparator.comparing((String n) -> !n.equals("eth0")).thenComparing(n -> n));
        for (String n : names) {
            InstanceState.NetworkInterface nic = state.network().get(n);
            if (nic == null || nic.addresses() == null || n.equals("lo")) {
                continue;
            }
            for (InstanceState.Address a : nic.addresses()) {
                if ("inet".equals(a.family()) && "global".equals(a.scope())) {
                    return a.address();
                }
            }
        }
        return "";
    }

    private void print(List<Row> rows) {
        String format = "%-24s %-14s %-9s %-16s %s%n";
        env.out().printf(format, "NAME", "PROJECT", "STATUS", "IPV4", "MANAGED");
        for (Row r : rows) {
            env.out().printf(format, r.name(), r.project(), r.status(), r.ipv4().isEmpty() ? "-" : r.ipv4(),
                    r.managed() ? "yes" : r.disposable() ? "disposable" : "no");
        }
    }
}
