package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Project;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectsIT {
    static IncusLab lab;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    @Test
    void createUpdateFindAndDelete() {
        String name = lab.extraProject();
        IncusClient c = lab.client();
        assertTrue(c.projects().list().stream().anyMatch(p -> p.name().equals(name)));
        Project p = c.projects().find(name).orElseThrow();
        assertEquals("false", p.config().get("features.images"));

        Map<String, String> config = new java.util.HashMap<>(p.config());
        config.put("user.note", "hello");
        c.projects().update(name, "changed", config);
        Project updated = c.projects().find(name).orElseThrow();
        assertEquals("changed", updated.description());
        assertEquals("hello", updated.config().get("user.note"));
    }

    @Test
    void aMissingProjectIsEmptyNotAnError() {
        assertTrue(lab.client().projects().find("no-such-project-x").isEmpty());
        // Incus answers a list in an unknown project with an empty list.
        assertTrue(lab.client().instances().list("no-such-project-x", false).isEmpty());
    }

    @Test
    void aProjectInUseCannotBeDeletedAndSaysWhy() {
        String name = lab.name("pin");
        lab.client().instances().create(lab.project(), lab.busybox(name, false)).await();
        IncusException e = assertThrows(IncusException.class, () -> lab.client().projects().delete(lab.project()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        IncusLab.forceDelete(lab.client(), lab.project(), name);
    }
}
