package io.hakmem.bench.ablation;

/**
 * json-parse: a deterministic JSON document of about 2 MB parsed into off-heap nodes and strings through the
 * site "json" (a hakmem {@code Site}; the peers allocate plainly), then freed. One operation is one document.
 */
final class JsonParse extends BatchScenario {
    static final byte[] DOCUMENT = JsonDocument.generate(2026, 2 << 20);
    static final String SITE = "json";
    private OffHeapJsonParser parser;

    JsonParse() {
        super("json-parse", 1);
    }

    @Override
    public String operation() {
        return "document";
    }

    @Override
    void setUp(Subject subject, Budget budget) {
        parser = new OffHeapJsonParser(subject.site(SITE));
    }

    @Override
    void batch(Subject subject, int operations) {
        for (int i = 0; i < operations; i++) {
            parser.parse(DOCUMENT);
            parser.freeAll();
        }
    }
}
