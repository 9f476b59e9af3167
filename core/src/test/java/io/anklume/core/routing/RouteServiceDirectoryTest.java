package io.anklume.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes of an infra/ directory are not edited by the service: refused, with where to write them. */
class RouteServiceDirectoryTest {
    @Test
    void aRouteInAnInfraDirectoryIsRefusedAndNoInfraYmlAppears(@TempDir Path dir) throws Exception {
        Path pro = Files.createDirectories(dir.resolve("infra/domains")).resolve("pro.yml");
        Files.writeString(dir.resolve("infra/base.yml"), "project_name: t\n");
        Files.writeString(pro, "pro:\n  machines:\n    web: {}\n");
        Path infraYml = dir.resolve("infra.yml");
        ActionException add = assertThrows(ActionException.class,
                () -> new RouteService(false).addRoute(infraYml, "web", "app.test", 8080, null, null));
        assertTrue(add.getMessage().contains("routes in the infra directory " + dir.resolve("infra"))
                && add.getMessage().contains("domains/*.yml"), add.getMessage());
        assertThrows(ActionException.class, () -> new RouteService(false).removeRoute(dir.resolve("infra"), "app.test"));
        assertTrue(Files.notExists(infraYml));
        assertEquals("pro:\n  machines:\n    web: {}\n", Files.readString(pro));
    }
}
