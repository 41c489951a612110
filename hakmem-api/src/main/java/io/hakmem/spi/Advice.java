package io.hakmem.spi;

/** The {@code madvise} advice hakmem uses. */
public enum Advice {
    /** MADV_FREE: the kernel may take the pages lazily; the range stays mapped. */
    FREE,
    /** MADV_DONTNEED: the pages go now; the next touch maps zero pages. */
    DONTNEED,
    /** MADV_HUGEPAGE: back the range with transparent huge pages. */
    HUGEPAGE,
    /** MADV_NOHUGEPAGE: never back the range with transparent huge pages. */
    NOHUGEPAGE
}
