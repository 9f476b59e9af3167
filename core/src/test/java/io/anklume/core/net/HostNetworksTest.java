package io.anklume.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostNetworksTest {
    private static final Comparator<HostNetworks.Entry> ORDER =
            Comparator.comparing(HostNetworks.Entry::iface).thenComparing(HostNetworks.Entry::cidr);

    @Test
    void leavesOutLoopbackAndTheDomainsOwnBridges() {
        HostNetworks host = HostNetworks.of(parseIpAddr("""
                1: lo    inet 127.0.0.1/8 scope host lo
                2: eth0    inet 192.168.1.5/24 brd 192.168.1.255 scope global eth0
                2: eth0    inet 10.3.0.1/28 scope global eth0:x
                5: net-pro    inet 10.110.0.254/24 scope global net-pro
                7: wg0    inet 10.0.0.1 peer 10.0.0.2/30 scope global wg0
                """));
        assertEquals(List.of(new HostNetworks.Entry("eth0", "192.168.1.0/24"), new HostNetworks.Entry("eth0", "10.3.0.0/28"),
                new HostNetworks.Entry("wg0", "10.0.0.0/30")), host.entries());
    }

    /**
     * The JDK's reading against {@code ip}'s on this machine, lo included, so that an address one sees
     * and the other does not, or a different prefix, fails here rather than in a missed overlap. Other
     * programs add and remove bridges meanwhile, so {@code ip} is read before and after the JDK and a
     * reading is only compared when those two agree.
     */
    @Test
    void seesTheSameAddressesAsIpAddrOnThisMachine() throws Exception {
        assumeFalse("1".equals(System.getenv("ANKLUME_SKIP_HOST_SUBNET_CHECK")), "host check switched off");
        for (int attempt = 0; attempt < 5; attempt++) {
            List<HostNetworks.Entry> before = sorted(parseIpAddr(ipAddr()));
            List<HostNetworks.Entry> jdk = sorted(HostNetworks.assigned());
            List<HostNetworks.Entry> detected = sorted(HostNetworks.detect().entries());
            List<HostNetworks.Entry> after = sorted(parseIpAddr(ipAddr()));
            if (before.equals(after)) {
                assertEquals(before, jdk);
                assertEquals(sorted(HostNetworks.of(before).entries()), detected);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the host's addresses kept changing while being read");
    }

    private static List<HostNetworks.Entry> sorted(List<HostNetworks.Entry> entries) {
        return entries.stream().sorted(ORDER).toList();
    }

    private static String ipAddr() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("ip", "-4", "-o", "addr", "show").redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no ip command: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0, "ip -4 addr failed: " + out);
        return out;
    }

    /**
     * Lines like {@code 2: eth0    inet 192.168.1.5/24 brd ... scope global eth0}, as anklume-tui read
     * them before it asked the JDK. A point-to-point address ({@code inet A peer P/n}) gets the peer's
     * prefix, which is the one the kernel (and so the JDK) gives the address.
     */
    static List<HostNetworks.Entry> parseIpAddr(String ipOutput) {
        List<HostNetworks.Entry> entries = new ArrayList<>();
        for (String line : ipOutput.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[2].equals("inet")) {
                continue;
            }
            String iface = f[1].replaceAll("[@:].*$", "");
            String address = f[3];
            if (!address.contains("/") && f.length > 5 && f[4].equals("peer")) {
                address = address + f[5].substring(f[5].indexOf('/'));
            }
            entries.add(new HostNetworks.Entry(iface, address.contains("/") ? address : address + "/32"));
        }
        return entries;
    }
}
