package io.hakmem;

/**
 * Bad configuration, refused at {@code create} before any memory is mapped. The message names the key,
 * the value it had and the values it may have.
 */
public final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
