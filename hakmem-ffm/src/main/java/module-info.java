/**
 * Linux memory calls through the Foreign Function and Memory API. Run with
 * {@code --enable-native-access=io.hakmem.ffm}.
 */
module io.hakmem.ffm {
    requires transitive io.hakmem;
    requires jdk.jfr;

    exports io.hakmem.ffm;
}
