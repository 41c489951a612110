package io.hakmem.bench.ablation;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** A JSON document of about {@code targetBytes}, the same for the same seed: an array of user records. */
final class JsonDocument {
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
            "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"};

    private JsonDocument() {
    }

    static byte[] generate(long seed, int targetBytes) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder json = new StringBuilder(targetBytes + 1024).append('[');
        for (int id = 0; json.length() < targetBytes; id++) {
            if (id > 0) {
                json.append(',');
            }
            json.append("{\"id\":").append(id)
                    .append(",\"name\":\"").append(word(random)).append('_').append(word(random)).append('"')
                    .append(",\"score\":").append(random.nextInt(100_000) / 100.0)
                    .append(",\"active\":").append(random.nextBoolean())
                    .append(",\"manager\":null")
                    .append(",\"tags\":[");
            int tags = random.nextInt(6);
            for (int t = 0; t < tags; t++) {
                json.append(t > 0 ? "," : "").append('"').append(word(random)).append('"');
            }
            json.append("],\"address\":{\"city\":\"").append(word(random))
                    .append("\",\"street\":\"").append(random.nextInt(999)).append(' ').append(word(random))
                    .append(" street\",\"zip\":\"").append(10_000 + random.nextInt(89_999)).append("\"}")
                    .append(",\"bio\":\"");
            int words = random.nextInt(40);
            for (int w = 0; w < words; w++) {
                json.append(w > 0 ? " " : "").append(word(random));
            }
            json.append("\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String word(SplittableRandom random) {
        return WORDS[random.nextInt(WORDS.length)];
    }
}
