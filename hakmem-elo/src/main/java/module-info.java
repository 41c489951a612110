/**
 * ELO: per-site strategy selection with the LEARN, FROZEN, CANARY lifecycle. Feature name {@code elo}; not implemented yet, so it provides no
 * {@link io.hakmem.spi.FeatureProvider} and a preset that enables it is refused with a message naming
 * this module.
 */
module io.hakmem.elo {
    requires io.hakmem;
}
