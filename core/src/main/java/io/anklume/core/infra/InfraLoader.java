package io.anklume.core.infra;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads an anklume infra.yml with SnakeYAML's node API, so every value keeps its line and column.
 * Bad input never throws: malformed YAML, wrong types and unknown keys all become {@link Problem}s.
 * Semantic rules (names, subnets, policies, ...) are the {@link Validator}'s.
 */
public final class InfraLoader {
    /** infra.yml files are a few KB; anything this large is not one. */
    static final long MAX_BYTES = 5L << 20;

    static final List<String> TOP_KEYS = List.of("project_name", "global", "domains", "network_policies",
            "shared_volumes");
    static final List<String> GLOBAL_KEYS = List.of("addressing", "base_subnet", "default_os_image",
            "default_connection", "default_user", "gpu_policy", "firewall_mode", "resource_policy", "nesting_prefix", "gpu_device",
            "ai_access_policy", "ai_access_default", "routing", "nat", "ai_vram_flush", "shared_volumes_base",
            "persistent_data_base");
    static final List<String> ADDRESSING_KEYS = List.of("base_octet", "zone_base", "zone_step");
    static final List<String> RESOURCE_KEYS = List.of("host_reserve", "mode", "cpu_mode", "memory_enforce", "overcommit");
    static final List<String> RESERVE_KEYS = List.of("cpu", "memory");
    static final List<String> GPU_DEVICE_KEYS = List.of("pci", "vendorid", "productid", "gid");
    static final List<String> DOMAIN_KEYS = List.of("description", "enabled", "subnet_id", "trust_level", "ephemeral",
            "profiles", "machines", "nat", "openclaw", "ai_provider", "ai_sanitize");
    static final List<String> PROFILE_KEYS = List.of("description", "config", "devices");
    static final List<String> MACHINE_KEYS = List.of("description", "type", "ip", "os_image", "ephemeral", "gpu",
            "profiles", "weight", "boot_autostart", "boot_priority", "snapshots_schedule", "snapshots_expiry", "config",
            "devices", "storage_volumes", "persistent_data", "roles", "routes", "ssh", "services");
    static final List<String> ROUTING_KEYS = List.of("caddy_admin", "server", "tls", "listen", "ssh_ports", "ssh_listen");
    static final List<String> ROUTE_KEYS = List.of("host", "port", "auth");
    static final List<String> AUTH_KEYS = List.of("user", "password_hash");
    static final List<String> SSH_KEYS = List.of("port", "user");
    static final List<String> POLICY_KEYS = List.of("description", "from", "to", "ports", "protocol", "bidirectional");

    private InfraLoader() {}

    /**
     * An infra.yml file, or an infra/ directory as anklume's generator reads it (base.yml, domains/*.yml,
     * policies.yml; see {@link InfraDirectory}). Like anklume, {@code infra.yml} that does not exist
     * beside an {@code infra/} directory reads the directory.
     */
    public static LoadResult load(Path file) {
        Path dir = InfraTarget.directory(file);
        if (dir != null) {
            return InfraDirectory.load(dir);
        }
        Text text = readText(file);
        return text.fatal() != null ? text.fatal() : parse(file.toString(), text.text());
    }

    /** A file's text, or why it cannot be an infra file. */
    record Text(String text, LoadResult fatal) {}

    static Text readText(Path file) {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                return new Text(null, fatal(name, "no such file"));
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return new Text(null, fatal(name, String.format(Locale.ROOT,
                        "file is %.1f MB; an infra.yml is a few KB (the limit is %d MB): is this the right file?",
                        size / 1e6, MAX_BYTES >> 20)));
            }
            byte[] bytes = Files.readAllBytes(file);
            try {
                return new Text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString(), null);
            } catch (CharacterCodingException e) {
                return new Text(null, fatal(name, "not a text file (invalid UTF-8): is this the right file?"));
            }
        } catch (IOException e) {
            return new Text(null, fatal(name, "cannot be read: " + e.getMessage()));
        }
    }

    public static LoadResult parse(String fileName, String text) {
        Composed c = compose(fileName, text);
        if (c.fatal() != null) {
            return c.fatal();
        }
        if (c.root() == null || YamlNodes.isNull(c.root())) {
            return fatal(fileName, "file is empty: expected project_name, global and domains");
        }
        return read(fileName, c.root(), Map.of());
    }

    /** One YAML document as nodes with positions, or the reason it is not one. */
    record Composed(Node root, LoadResult fatal) {}

    static Composed compose(String fileName, String text) {
        if (text.length() > MAX_BYTES) {
            return new Composed(null, fatal(fileName, "file is too large for an infra.yml"));
        }
        if (text.indexOf('\0') >= 0) {
            return new Composed(null, fatal(fileName, "not a text file (it contains NUL bytes): is this the right file?"));
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setMaxAliasesForCollections(50);
        try {
            return new Composed(new Yaml(options).compose(new StringReader(text)), null);
        } catch (MarkedYAMLException e) {
            return new Composed(null, new LoadResult(null, List.of(Problem.error(position(fileName, e), "", yamlMessage(e)))));
        } catch (YAMLException e) {
            return new Composed(null, fatal(fileName, "invalid YAML: " + firstLine(e.getMessage())));
        }
    }

    /** {@code nodeFiles} names the file of each node when the document was merged from several. */
    static LoadResult read(String fileName, Node root, Map<Node, String> nodeFiles) {
        return read(fileName, root, nodeFiles, new ArrayList<>());
    }

    static LoadResult read(String fileName, Node root, Map<Node, String> nodeFiles, List<Problem> problems) {
        Map<String, Position> positions = new HashMap<>();
        Infra infra = new Reader(new YamlNodes(fileName, problems, positions, nodeFiles), fileName, positions).infra(root);
        return new LoadResult(infra, problems);
    }

    static LoadResult fatal(String file, String message) {
        return new LoadResult(null, List.of(Problem.error(new Position(file, 0, 0), "", message)));
    }

    private static Position position(String file, MarkedYAMLException e) {
        Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return m == null ? new Position(file, 0, 0) : new Position(file, m.getLine() + 1, m.getColumn() + 1);
    }

    /** SnakeYAML's wording, made to say what to do. */
    static String yamlMessage(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        if (problem.contains("TAB") || problem.contains("\t")) {
            return "invalid YAML: a tab character is used for indentation; indent with spaces";
        }
        if (problem.contains("mapping values are not allowed here")) {
            return "invalid YAML: unexpected ':' (a key at the wrong indentation, or a value with ': ' that needs quotes)";
        }
        if (problem.contains("expected <block end>")) {
            return "invalid YAML: bad indentation (a line is indented differently from its siblings)";
        }
        if (problem.contains("found duplicate key")) {
            return "invalid YAML: " + problem;
        }
        if (problem.contains("special characters are not allowed") || problem.contains("unacceptable code point")) {
            return "not a text file (control characters): is this the right file?";
        }
        String context = e.getContext() == null ? "" : e.getContext() + ": ";
        return "invalid YAML: " + context + problem;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Walks the document; defaults applied here are anklume's. */
    private static final class Reader {
        private final YamlNodes y;
        private final String file;
        private final Map<String, Position> positions;
        private Map<String, Node> globalEntries = Map.of();

        Reader(YamlNodes y, String file, Map<String, Position> positions) {
            this.y = y;
            this.file = file;
            this.positions = positions;
        }

        Infra infra(Node root) {
            Map<String, Node> top = y.mapping(root, "");
            if (top == null) {
                return null;
            }
            y.onlyKeys(top, (MappingNode) root, "", TOP_KEYS);
            for (String required : List.of("project_name", "global", "domains")) {
                if (!top.containsKey(required)) {
                    y.error(root, required, "missing required key '" + required + "'");
                }
            }
            String projectName = y.string(top.get("project_name"), "project_name");
            Global global = global(top.get("global"));
            List<Domain> domains = domains(top.get("domains"));
            List<NetworkPolicy> policies = policies(top.get("network_policies"));
            aiAccess(domains, policies);
            if (top.containsKey("shared_volumes") && y.mapping(top.get("shared_volumes"), "shared_volumes") != null) {
                unused(top.get("shared_volumes"), "shared_volumes", "its disk devices are not created");
            }
            return new Infra(projectName, global, domains, policies, new SourceMap(file, positions));
        }

        Global global(Node node) {
            Map<String, Node> g = y.mapping(node, "global");
            if (g == null) {
                g = Map.of();
            }
            globalEntries = g;
            y.onlyKeys(g, node instanceof MappingNode m ? m : null, "global", GLOBAL_KEYS);
            int baseOctet = 10;
            int zoneBase = 100;
            String baseSubnet = null;
            if (g.containsKey("addressing")) {
                Map<String, Node> a = y.mapping(g.get("addressing"), "global.addressing");
                if (a != null) {
                    y.onlyKeys(a, (MappingNode) (g.get("addressing") instanceof MappingNode m ? m : null),
                            "global.addressing", ADDRESSING_KEYS);
                    baseOctet = orDefault(y.integer(a.get("base_octet"), "global.addressing.base_octet"), 10);
                    zoneBase = orDefault(y.integer(a.get("zone_base"), "global.addressing.zone_base"), 100);
                    y.integer(a.get("zone_step"), "global.addressing.zone_step");
                }
            } else {
                // anklume's legacy mode: <base_subnet>.<subnet_id>.0/24 for every domain.
                String b = y.string(g.get("base_subnet"), "global.base_subnet");
                baseSubnet = b == null ? "10.100" : b;
            }
            String image = y.string(g.get("default_os_image"), "global.default_os_image");
            Global.GpuPolicy gpu = enumValue(g.get("gpu_policy"), "global.gpu_policy", Global.GpuPolicy.class,
                    Global.GpuPolicy.EXCLUSIVE);
            Global.FirewallMode fw = enumValue(g.get("firewall_mode"), "global.firewall_mode", Global.FirewallMode.class,
                    Global.FirewallMode.HOST);
            y.string(g.get("default_connection"), "global.default_connection");
            y.string(g.get("default_user"), "global.default_user");
            y.bool(g.get("nesting_prefix"), "global.nesting_prefix");
            String ai = y.string(g.get("ai_access_policy"), "global.ai_access_policy");
            if (ai != null && !ai.equals("open") && !ai.equals("exclusive")) {
                y.error(g.get("ai_access_policy"), "global.ai_access_policy", "must be 'exclusive' or 'open', got '" + ai + "'");
            }
            y.string(g.get("ai_access_default"), "global.ai_access_default");
            if (y.bool(g.get("ai_vram_flush"), "global.ai_vram_flush") != null) {
                unused(g.get("ai_vram_flush"), "global.ai_vram_flush", "there is no AI access switch here");
            }
            for (String key : List.of("shared_volumes_base", "persistent_data_base")) {
                String dir = y.string(g.get(key), "global." + key);
                if (dir != null && !dir.startsWith("/")) {
                    y.error(g.get(key), "global." + key, "must be an absolute path, got '" + dir + "'");
                } else if (dir != null) {
                    unused(g.get(key), "global." + key, "shared volumes and persistent data are not mounted");
                }
            }
            Boolean nat = y.bool(g.get("nat"), "global.nat");
            return new Global(baseOctet, zoneBase, image, gpu, fw, resourcePolicy(g.get("resource_policy")), baseSubnet,
                    gpuDevice(g.get("gpu_device")), routing(g.get("routing")), nat == null || nat);
        }

        Global.GpuDevice gpuDevice(Node node) {
            if (node == null || YamlNodes.isNull(node)) {
                return null;
            }
            String path = "global.gpu_device";
            Map<String, Node> d = y.mapping(node, path);
            if (d == null) {
                return null;
            }
            y.onlyKeys(d, node instanceof MappingNode m ? m : null, path, GPU_DEVICE_KEYS);
            String pci = y.string(d.get("pci"), path + ".pci");
            if (pci != null && !pci.matches("^([0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]$")) {
                y.error(d.get("pci"), path + ".pci", "must be a PCI address like 0000:01:00.0, got '" + pci + "'");
            }
            String vendor = y.string(d.get("vendorid"), path + ".vendorid");
            String product = y.string(d.get("productid"), path + ".productid");
            for (var e : java.util.Map.of("vendorid", java.util.Objects.requireNonNullElse(vendor, ""),
                    "productid", java.util.Objects.requireNonNullElse(product, "")).entrySet()) {
                if (!e.getValue().isEmpty() && !e.getValue().matches("^[0-9a-fA-F]{4}$")) {
                    y.error(d.get(e.getKey()), path + "." + e.getKey(), "must be 4 hex digits like 10de, got '" + e.getValue() + "'");
                }
            }
            String gid = y.string(d.get("gid"), path + ".gid");
            if (gid != null && !gid.matches("^\\d+$")) {
                y.error(d.get("gid"), path + ".gid", "must be a numeric group id (e.g. the render group, 105), got '" + gid + "'");
            }
            return new Global.GpuDevice(pci, vendor, product, gid);
        }

        Routing routing(Node node) {
            String path = "global.routing";
            Map<String, Node> r = y.mapping(node, path);
            if (r == null) {
                return Routing.DEFAULTS;
            }
            y.onlyKeys(r, node instanceof MappingNode m ? m : null, path, ROUTING_KEYS);
            Routing d = Routing.DEFAULTS;
            Routing.PortRange sshPorts = null;
            String range = y.string(r.get("ssh_ports"), path + ".ssh_ports");
            if (range != null) {
                java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^(\\d{1,5})-(\\d{1,5})$").matcher(range);
                if (matcher.matches()) {
                    sshPorts = new Routing.PortRange(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
                } else {
                    y.error(r.get("ssh_ports"), path + ".ssh_ports", "must be a port range like \"22000-22999\", got '"
                            + range + "'");
                }
            }
            return new Routing(orDefault(y.string(r.get("caddy_admin"), path + ".caddy_admin"), d.caddyAdmin()),
                    orDefault(y.string(r.get("server"), path + ".server"), d.server()),
                    enumValue(r.get("tls"), path + ".tls", Routing.Tls.class, d.tls()),
                    orDefault(y.string(r.get("listen"), path + ".listen"), d.listen()), sshPorts,
                    orDefault(y.string(r.get("ssh_listen"), path + ".ssh_listen"), d.sshListen()));
        }

        List<Route> routes(Node node, String path) {
            List<Node> items = y.sequence(node, path);
            List<Route> out = new ArrayList<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                String ipath = path + "[" + i + "]";
                Node item = items.get(i);
                Map<String, Node> r = y.mapping(item, ipath);
                if (r == null) {
                    continue;
                }
                y.onlyKeys(r, item instanceof MappingNode mn ? mn : null, ipath, ROUTE_KEYS);
                for (String field : List.of("host", "port")) {
                    if (!r.containsKey(field)) {
                        y.error(item, ipath + "." + field, "missing '" + field + "'");
                    }
                }
                String host = y.string(r.get("host"), ipath + ".host");
                Integer port = y.integer(r.get("port"), ipath + ".port");
                Route.Auth auth = null;
                if (r.get("auth") != null && !YamlNodes.isNull(r.get("auth"))) {
                    String apath = ipath + ".auth";
                    Map<String, Node> a = y.mapping(r.get("auth"), apath);
                    if (a != null) {
                        y.onlyKeys(a, r.get("auth") instanceof MappingNode mn ? mn : null, apath, AUTH_KEYS);
                        for (String field : AUTH_KEYS) {
                            if (!a.containsKey(field)) {
                                y.error(r.get("auth"), apath + "." + field, "missing '" + field + "'");
                            }
                        }
                        String user = y.string(a.get("user"), apath + ".user");
                        String hash = y.string(a.get("password_hash"), apath + ".password_hash");
                        if (user != null && hash != null) {
                            auth = new Route.Auth(user, hash);
                        }
                    }
                }
                if (host != null && port != null) {
                    out.add(new Route(host, port, auth));
                }
            }
            return List.copyOf(out);
        }

        SshAccess ssh(Node node, String path) {
            if (node == null || YamlNodes.isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode s && org.yaml.snakeyaml.nodes.Tag.BOOL.equals(s.getTag())) {
                return Boolean.TRUE.equals(y.bool(node, path)) ? new SshAccess(null, SshAccess.DEFAULT_USER) : null;
            }
            Map<String, Node> s = y.mapping(node, path);
            if (s == null) {
                return null;
            }
            y.onlyKeys(s, node instanceof MappingNode mn ? mn : null, path, SSH_KEYS);
            return new SshAccess(y.integer(s.get("port"), path + ".port"),
                    orDefault(y.string(s.get("user"), path + ".user"), SshAccess.DEFAULT_USER));
        }

        /** anklume's exclusive AI access: one client domain reaches the ai-tools domain, nothing else does. */
        void aiAccess(List<Domain> domains, List<NetworkPolicy> policies) {
            Map<String, Node> g = globalEntries;
            if (!(g.get("ai_access_policy") instanceof ScalarNode p) || !p.getValue().equals("exclusive")) {
                return;
            }
            List<String> names = domains.stream().map(Domain::name).toList();
            Node def = g.get("ai_access_default");
            String target = def instanceof ScalarNode s ? s.getValue() : null;
            if (target == null) {
                y.error(p, "global.ai_access_default", "required when ai_access_policy is 'exclusive'");
            } else if (target.equals("ai-tools")) {
                y.error(def, "global.ai_access_default", "cannot be 'ai-tools' (it must be a client domain)");
            } else if (!names.contains(target)) {
                y.error(def, "global.ai_access_default", "'" + target + "' is not a known domain");
            }
            if (!names.contains("ai-tools")) {
                y.error(p, "global.ai_access_policy", "ai_access_policy is 'exclusive' but no 'ai-tools' domain exists");
            }
            long toAi = policies.stream().filter(np -> "ai-tools".equals(np.to())).count();
            if (toAi > 1) {
                y.error(p, "global.ai_access_policy", "ai_access_policy is 'exclusive' but " + toAi
                        + " network_policies target ai-tools (at most 1)");
            }
            // anklume's generator adds the default client's access when the file gives none.
            if (toAi == 0 && target != null && !target.equals("ai-tools") && names.contains(target)
                    && names.contains("ai-tools")) {
                policies.add(new NetworkPolicy("AI access: " + target + " -> ai-tools (auto-created)", target, "ai-tools",
                        List.of(), true, NetworkPolicy.Protocol.TCP, true));
            }
        }

        ResourcePolicy resourcePolicy(Node node) {
            if (node == null || YamlNodes.isNull(node)) {
                return null;
            }
            String path = "global.resource_policy";
            if (node instanceof ScalarNode s && s.getValue().equals("true")) {
                return new ResourcePolicy("20%", "20%", ResourcePolicy.Mode.PROPORTIONAL, ResourcePolicy.CpuMode.ALLOWANCE,
                        ResourcePolicy.MemoryEnforce.SOFT, false);
            }
            Map<String, Node> r = y.mapping(node, path);
            if (r == null) {
                return null;
            }
            y.onlyKeys(r, (MappingNode) node, path, RESOURCE_KEYS);
            String cpuReserve = "20%";
            String memReserve = "20%";
            if (r.containsKey("host_reserve")) {
                Map<String, Node> h = y.mapping(r.get("host_reserve"), path + ".host_reserve");
                if (h != null) {
                    y.onlyKeys(h, r.get("host_reserve") instanceof MappingNode m ? m : null, path + ".host_reserve", RESERVE_KEYS);
                    cpuReserve = orDefault(y.string(h.get("cpu"), path + ".host_reserve.cpu"), cpuReserve);
                    memReserve = orDefault(y.string(h.get("memory"), path + ".host_reserve.memory"), memReserve);
                }
            }
            Boolean overcommit = y.bool(r.get("overcommit"), path + ".overcommit");
            return new ResourcePolicy(cpuReserve, memReserve,
                    enumValue(r.get("mode"), path + ".mode", ResourcePolicy.Mode.class, ResourcePolicy.Mode.PROPORTIONAL),
                    enumValue(r.get("cpu_mode"), path + ".cpu_mode", ResourcePolicy.CpuMode.class, ResourcePolicy.CpuMode.ALLOWANCE),
                    enumValue(r.get("memory_enforce"), path + ".memory_enforce", ResourcePolicy.MemoryEnforce.class,
                            ResourcePolicy.MemoryEnforce.SOFT),
                    Boolean.TRUE.equals(overcommit));
        }

        List<Domain> domains(Node node) {
            Map<String, Node> ds = y.mapping(node, "domains");
            List<Domain> out = new ArrayList<>();
            if (ds == null) {
                return out;
            }
            ds.forEach((name, value) -> {
                Domain d = domain(name, value);
                if (d != null) {
                    out.add(d);
                }
            });
            return out;
        }

        Domain domain(String name, Node node) {
            String path = "domains." + name;
            Map<String, Node> d = y.mapping(node, path);
            if (d == null) {
                return null;
            }
            y.onlyKeys(d, node instanceof MappingNode m ? m : null, path, DOMAIN_KEYS);
            Boolean enabled = y.bool(d.get("enabled"), path + ".enabled");
            Integer subnetId = y.integer(d.get("subnet_id"), path + ".subnet_id");
            String trustText = y.string(d.get("trust_level"), path + ".trust_level");
            TrustLevel trust = TrustLevel.DEFAULT;
            if (trustText != null) {
                trust = TrustLevel.parse(trustText).orElse(null);
                if (trust == null) {
                    List<String> names = java.util.Arrays.stream(TrustLevel.values()).map(TrustLevel::yamlName).toList();
                    String hint = YamlNodes.closest(trustText, names).map(s -> " (did you mean '" + s + "'?)").orElse("");
                    y.error(d.get("trust_level"), path + ".trust_level", "'" + trustText + "' is not a trust level"
                            + hint + "; expected one of " + String.join(", ", names));
                    trust = TrustLevel.DEFAULT;
                }
            }
            Boolean ephemeral = y.bool(d.get("ephemeral"), path + ".ephemeral");
            Boolean nat = y.bool(d.get("nat"), path + ".nat");
            anklumeAiKeys(d, path);
            Map<String, ProfileSpec> profiles = new LinkedHashMap<>();
            Map<String, Node> ps = y.mapping(d.get("profiles"), path + ".profiles");
            if (ps != null) {
                ps.forEach((pname, pnode) -> {
                    String ppath = path + ".profiles." + pname;
                    Map<String, Node> p = y.mapping(pnode, ppath);
                    if (p != null) {
                        y.onlyKeys(p, pnode instanceof MappingNode m ? m : null, ppath, PROFILE_KEYS);
                        y.string(p.get("description"), ppath + ".description");
                        profiles.put(pname, new ProfileSpec(pname, y.stringMap(p.get("config"), ppath + ".config"),
                                y.devices(p.get("devices"), ppath + ".devices")));
                    }
                });
            }
            List<Machine> machines = new ArrayList<>();
            Map<String, Node> ms = y.mapping(d.get("machines"), path + ".machines");
            if (ms != null) {
                ms.forEach((mname, mnode) -> {
                    Machine m = machine(name, mname, mnode);
                    if (m != null) {
                        machines.add(m);
                    }
                });
            }
            return new Domain(name, y.string(d.get("description"), path + ".description"), enabled == null || enabled,
                    subnetId, trust, Boolean.TRUE.equals(ephemeral), profiles, machines, nat);
        }

        Machine machine(String domain, String name, Node node) {
            String path = "domains." + domain + ".machines." + name;
            Map<String, Node> m = y.mapping(node, path);
            if (m == null) {
                return null;
            }
            y.onlyKeys(m, node instanceof MappingNode mn ? mn : null, path, MACHINE_KEYS);
            String typeText = y.string(m.get("type"), path + ".type");
            Machine.Type type = Machine.Type.LXC;
            if (typeText != null) {
                if (typeText.equals("vm")) {
                    type = Machine.Type.VM;
                } else if (!typeText.equals("lxc")) {
                    y.error(m.get("type"), path + ".type", "must be 'lxc' or 'vm', got '" + typeText + "'");
                }
            }
            Map<String, Object> volumes = asMap(y.plain(m.get("storage_volumes")));
            Map<String, Object> persistent = asMap(y.plain(m.get("persistent_data")));
            Boolean gpu = y.bool(m.get("gpu"), path + ".gpu");
            if (m.containsKey("services") && y.sequence(m.get("services"), path + ".services") != null) {
                unused(m.get("services"), path + ".services", "its services are not provided");
            }
            return new Machine(name, domain, y.string(m.get("description"), path + ".description"), type,
                    y.string(m.get("ip"), path + ".ip"), y.string(m.get("os_image"), path + ".os_image"),
                    y.bool(m.get("ephemeral"), path + ".ephemeral"), Boolean.TRUE.equals(gpu),
                    y.stringList(m.get("profiles"), path + ".profiles"), y.integer(m.get("weight"), path + ".weight"),
                    y.bool(m.get("boot_autostart"), path + ".boot_autostart"),
                    y.integer(m.get("boot_priority"), path + ".boot_priority"),
                    y.string(m.get("snapshots_schedule"), path + ".snapshots_schedule"),
                    y.string(m.get("snapshots_expiry"), path + ".snapshots_expiry"),
                    y.stringMap(m.get("config"), path + ".config"), y.devices(m.get("devices"), path + ".devices"),
                    volumes, persistent, y.stringList(m.get("roles"), path + ".roles"),
                    routes(m.get("routes"), path + ".routes"), ssh(m.get("ssh"), path + ".ssh"));
        }

        List<NetworkPolicy> policies(Node node) {
            List<Node> items = y.sequence(node, "network_policies");
            List<NetworkPolicy> out = new ArrayList<>();
            if (items == null) {
                return out;
            }
            for (int i = 0; i < items.size(); i++) {
                String path = "network_policies[" + i + "]";
                Node item = items.get(i);
                Map<String, Node> p = y.mapping(item, path);
                if (p == null) {
                    continue;
                }
                y.onlyKeys(p, item instanceof MappingNode mn ? mn : null, path, POLICY_KEYS);
                for (String field : List.of("from", "to")) {
                    if (!p.containsKey(field)) {
                        y.error(item, path + "." + field, "missing '" + field + "' (a domain, a machine or host)");
                    }
                }
                List<Integer> ports = new ArrayList<>();
                boolean all = false;
                Node portsNode = p.get("ports");
                if (portsNode == null || YamlNodes.isNull(portsNode)) {
                    all = true;
                } else if (portsNode instanceof ScalarNode s && s.getValue().equals("all")) {
                    all = true;
                } else if (portsNode instanceof ScalarNode s) {
                    y.error(s, path + ".ports", "must be a list of ports or 'all', got " + YamlNodes.describe(s));
                } else {
                    List<Node> list = y.sequence(portsNode, path + ".ports");
                    for (int j = 0; list != null && j < list.size(); j++) {
                        Integer port = y.integer(list.get(j), path + ".ports[" + j + "]");
                        if (port != null) {
                            if (port < 1 || port > 65535) {
                                y.error(list.get(j), path + ".ports[" + j + "]", "port " + port + " is not in 1-65535");
                            } else {
                                ports.add(port);
                            }
                        }
                    }
                }
                String protocolText = y.string(p.get("protocol"), path + ".protocol");
                NetworkPolicy.Protocol protocol = NetworkPolicy.Protocol.TCP;
                if ("udp".equals(protocolText)) {
                    protocol = NetworkPolicy.Protocol.UDP;
                } else if (protocolText != null && !protocolText.equals("tcp")) {
                    y.error(p.get("protocol"), path + ".protocol", "must be 'tcp' or 'udp', got '" + protocolText + "'");
                }
                Boolean bidirectional = y.bool(p.get("bidirectional"), path + ".bidirectional");
                out.add(new NetworkPolicy(y.string(p.get("description"), path + ".description"),
                        y.string(p.get("from"), path + ".from"), y.string(p.get("to"), path + ".to"), List.copyOf(ports),
                        all, protocol, Boolean.TRUE.equals(bidirectional)));
            }
            return out;
        }

        /**
         * anklume's per-domain AI settings: checked as anklume checks them (a file it refuses is refused
         * here too), then ignored.
         */
        void anklumeAiKeys(Map<String, Node> d, String path) {
            if (y.bool(d.get("openclaw"), path + ".openclaw") != null) {
                unused(d.get("openclaw"), path + ".openclaw", "no AI assistant is deployed");
            }
            String provider = y.string(d.get("ai_provider"), path + ".ai_provider");
            if (provider != null && !List.of("local", "cloud", "local-first").contains(provider)) {
                y.error(d.get("ai_provider"), path + ".ai_provider", "must be one of local, cloud, local-first, got '"
                        + provider + "'");
            } else if (provider != null) {
                unused(d.get("ai_provider"), path + ".ai_provider", "LLM routing is anklume's");
            }
            Node sanitize = d.get("ai_sanitize");
            if (sanitize instanceof ScalarNode s && (Tag.BOOL.equals(s.getTag()) || s.getValue().equals("always"))) {
                unused(sanitize, path + ".ai_sanitize", "LLM routing is anklume's");
            } else if (sanitize != null && !YamlNodes.isNull(sanitize)) {
                y.error(sanitize, path + ".ai_sanitize", "must be true, false or 'always', got " + YamlNodes.describe(sanitize));
            }
        }

        /** A key anklume accepts and anklume-tui reads but does not act on: said once, as a warning. */
        void unused(Node node, String path, String consequence) {
            y.warning(node, path, "accepted for anklume compatibility but not used by anklume-tui (" + consequence + ")");
        }

        private <E extends Enum<E>> E enumValue(Node node, String path, Class<E> type, E fallback) {
            String text = y.string(node, path);
            if (text == null) {
                return fallback;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text.replace('-', '_'))) {
                    return e;
                }
            }
            List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
            y.error(node, path, "must be one of " + String.join(", ", names) + ", got '" + text + "'");
            return fallback;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> asMap(Object o) {
            return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        private static <T> T orDefault(T value, T fallback) {
            return value == null ? fallback : value;
        }
    }
}
