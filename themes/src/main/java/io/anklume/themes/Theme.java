package io.anklume.themes;

import java.util.Map;

/**
 * Colors by role ({@code trust.admin}, {@code selection.background}, {@code diff.add}, ...). Code asks
 * for roles, never for colors; a role the theme does not name is the terminal's default color.
 */
public record Theme(String name, Map<String, Color> colors) {
    public Color color(String role) {
        return colors.getOrDefault(role, Color.DEFAULT);
    }

    /** The color of a trust level by its infra.yml name, or of "untracked". */
    public Color trust(String level) {
        return color("trust." + (level == null ? "untracked" : level));
    }
}
