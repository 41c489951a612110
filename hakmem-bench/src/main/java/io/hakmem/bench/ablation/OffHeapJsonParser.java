package io.hakmem.bench.ablation;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses JSON into off-heap nodes, every node and string a block of the subject, as a parser building an
 * off-heap tree would: an object node of 16 + 16 bytes per member, an array node of 16 + 8 bytes per element,
 * a string block of its UTF-8 bytes, a 16-byte number node, an 8-byte literal node. The blocks are kept in
 * allocation order so that {@link #freeAll} releases the tree.
 */
final class OffHeapJsonParser {
    private final Subject subject;
    private final List<Object> blocks = new ArrayList<>();
    private byte[] json;
    private int at;

    OffHeapJsonParser(Subject subject) {
        this.subject = subject;
    }

    /** Parses {@code document}; returns the number of blocks allocated. */
    int parse(byte[] document) {
        json = document;
        at = 0;
        value();
        return blocks.size();
    }

    void freeAll() {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            subject.free(blocks.get(i));
        }
        blocks.clear();
    }

    private Object block(long size, byte tag) {
        Object block = subject.allocate(size);
        subject.write(block, 0, tag);
        blocks.add(block);
        return block;
    }

    private void value() {
        switch (json[at]) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't', 'n' -> literal(4);
            case 'f' -> literal(5);
            default -> number();
        }
    }

    private void object() {
        at++;
        int members = 0;
        while (json[at] != '}') {
            if (json[at] == ',') {
                at++;
            }
            string();
            at++; // ':'
            value();
            members++;
        }
        at++;
        block(16 + 16L * members, (byte) 'o');
    }

    private void array() {
        at++;
        int elements = 0;
        while (json[at] != ']') {
            if (json[at] == ',') {
                at++;
            }
            value();
            elements++;
        }
        at++;
        block(16 + 8L * elements, (byte) 'a');
    }

    private void string() {
        int start = ++at;
        while (json[at] != '"') {
            at += json[at] == '\\' ? 2 : 1;
        }
        int length = at - start;
        at++;
        Object block = subject.allocate(Math.max(1, length));
        subject.copy(json, start, block, 0, length);
        blocks.add(block);
    }

    private void number() {
        while (at < json.length && "-+.eE0123456789".indexOf(json[at]) >= 0) {
            at++;
        }
        block(16, (byte) 'n');
    }

    private void literal(int length) {
        at += length;
        block(8, (byte) 'l');
    }
}
