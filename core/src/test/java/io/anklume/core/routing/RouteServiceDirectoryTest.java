package io.anklume.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import io.anklume.core.infra.InfraFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes of an infra/ directory go into the file that defines the machine's domain. */
class RouteServiceDirectoryTest {
    private static final String BASE = "project_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 160}\n";
    private static final String PRO = "# pro\npro:\n  machines:\n    web:\n      type: lxc\n";

    /** infra/ with base.yml and domains/pro.yml (returned) beside a missing infra.yml. */
    private static Path directory(Path dir) throws Exception {
        Path pro = Files.createDirectories(dir.resolve("infra/domains")).resolve("pro.yml");
        Files.writeString(dir.resolve("infra/base.yml"), BASE);
        return Files.writeString(pro, PRO);
    }

    @Test
    void aRouteIsAddedToAndRemovedFromTheDomainFileAndNoInfraYmlAppears(@TempDir Path dir) throws Exception {
        Path pro = directory(dir);
        Path infraYml = dir.resolve("infra.yml");

        new RouteService(false).addRoute(infraYml, "web", "app.test", 8080, null, null);
        assertEquals(PRO + "      routes:\n        - host: app.test\n          port: 8080\n", Files.readString(pro));
        assertEquals(1, InfraFiles.load(infraYml).infra().machine("web").orElseThrow().routes().size());
        assertEquals(BASE, Files.readString(dir.resolve("infra/base.yml")));
        assertTrue(Files.notExists(infraYml));

        assertEquals("web", new RouteService(false).removeRoute(dir.resolve("infra"), "app.test"));
        assertEquals(PRO, Files.readString(pro));
    }

    @Test
    void anUnknownMachineOrHostOrABrokenDirectoryIsRefusedUntouched(@TempDir Path dir) throws Exception {
        Path pro = directory(dir);
        Path infraYml = dir.resolve("infra.yml");
        ActionException unknown = assertThrows(ActionException.class,
                () -> new RouteService(false).addRoute(infraYml, "nope", "app.test", 8080, null, null));
        assertTrue(unknown.getMessage().contains("no such machine"), unknown.getMessage());
        assertThrows(ActionException.class, () -> new RouteService(false).removeRoute(infraYml, "none.test"));
        Files.writeString(dir.resolve("infra/domains/zz.yml"), "zz: [broken]\n");
        ActionException broken = assertThrows(ActionException.class,
                () -> new RouteService(false).addRoute(infraYml, "web", "app.test", 8080, null, null));
        assertTrue(broken.getMessage().contains("fix it first"), broken.getMessage());
        assertEquals(PRO, Files.readString(pro));
    }
}
