package io.anklume.tui.widget;

import io.anklume.core.infra.TrustLevel;

/** Trust as text, so color is never the only signal. */
public final class Badges {
    private Badges() {}

    public static String trust(TrustLevel trust) {
        if (trust == null) {
            return "[----]";
        }
        return switch (trust) {
            case ADMIN -> "[ADM]";
            case TRUSTED -> "[TRU]";
            case SEMI_TRUSTED -> "[SEMI]";
            case UNTRUSTED -> "[UNTR]";
            case DISPOSABLE -> "[DISP]";
        };
    }
}
