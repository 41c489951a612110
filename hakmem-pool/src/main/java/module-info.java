/**
 * The pool engine behind the tinypool and midpool features: thread-local slabs of size-classed blocks carved from
 * reserved address space, metadata off the blocks. Not a feature itself.
 */
module io.hakmem.pool {
    requires transitive io.hakmem;
    requires typesafe.config;

    exports io.hakmem.pool to io.hakmem.tinypool, io.hakmem.midpool;
}
