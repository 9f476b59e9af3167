package io.anklume.tui.widget;

import com.googlecode.lanterna.TextColor;
import io.anklume.core.infra.TrustLevel;
import io.anklume.themes.Color;
import io.anklume.themes.Theme;
import java.util.Locale;

/** Theme roles to Lanterna colors: the only place where a theme color becomes a terminal color. */
public final class Colors {
    private final Theme theme;

    public Colors(Theme theme) {
        this.theme = theme;
    }

    public Theme theme() {
        return theme;
    }

    public TextColor role(String role) {
        return convert(theme.color(role));
    }

    public TextColor trust(TrustLevel trust) {
        return convert(theme.trust(trust == null ? null : trust.yamlName()));
    }

    public static TextColor convert(Color c) {
        if (c instanceof Color.Rgb rgb) {
            return new TextColor.RGB(rgb.red(), rgb.green(), rgb.blue());
        }
        if (c instanceof Color.Ansi ansi) {
            return TextColor.ANSI.valueOf(ansi.name().toUpperCase(Locale.ROOT));
        }
        return TextColor.ANSI.DEFAULT;
    }
}
