/**
 * An Apache Arrow memory backend over hakmem: {@link io.hakmem.arrow.HakmemAllocationManagerFactory} and the
 * entry points of {@link io.hakmem.arrow.HakmemArrow}.
 *
 * <p>Making hakmem Arrow's process default writes a private field of Arrow's, so on the module path it needs
 * {@code --add-opens=org.apache.arrow.memory.core/org.apache.arrow.memory=io.hakmem.arrow}.
 */
module io.hakmem.arrow {
    requires transitive io.hakmem;
    requires transitive org.apache.arrow.memory.core;

    exports io.hakmem.arrow;
}
