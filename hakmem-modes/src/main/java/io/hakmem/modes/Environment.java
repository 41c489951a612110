package io.hakmem.modes;

import java.util.HashMap;
import java.util.Map;

/**
 * The process environment and system properties as composition sees them; tests pass their own.
 *
 * @param variables  environment variables ({@code HAKMEM_MODE}, ...)
 * @param properties system properties ({@code hakmem.mode}, ...)
 */
record Environment(Map<String, String> variables, Map<String, String> properties) {
    Environment {
        variables = Map.copyOf(variables);
        properties = Map.copyOf(properties);
    }

    static Environment system() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        return new Environment(System.getenv(), properties);
    }
}
