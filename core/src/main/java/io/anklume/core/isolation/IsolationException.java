package io.anklume.core.isolation;

/** nft or Incus refused an isolation change; the message says what was being done and why. */
public class IsolationException extends RuntimeException {
    public IsolationException(String message) {
        super(message);
    }
}
