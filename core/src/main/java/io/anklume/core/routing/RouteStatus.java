package io.anklume.core.routing;

/**
 * One declared route as the screen and {@code route list} show it: {@code url}, {@code target}
 * (address:port now), whether it asks for credentials and whether Caddy holds exactly this route.
 */
public record RouteStatus(String id, String instance, String host, String url, String target, boolean auth, State state) {
    public enum State {
        IN_SYNC("in sync"), MISSING("missing in Caddy"), DIFFERENT("differs in Caddy"), UNKNOWN("Caddy unreachable");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
