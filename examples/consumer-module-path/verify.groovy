// Run by hakmem's own build (examples/pom.xml) after this project's mvn verify: the build ran the program (exec fails the
// build on a non-zero exit), and here is what it must have printed.
def log = new File(basedir, 'build.log').text
assert log.contains('module path: example.consumer uses io.hakmem, reads Guice false, reads Config false') : log
assert log.contains('mode BALANCED, sum 11, allocations 4, frees 4, live bytes 0') : log
// The preset's features were found at run time: each block went to its tier.
assert log.contains('tiny pool hits 1, mid pool hits 1, large blocks mapped 1, cached 1') : log
assert log =~ /from the OS: \d+ bytes mapped, \d+ reserved, \d+ resident/ : log
assert !(log =~ /(?m)^WARNING:/) : "the JVM warned (native access?): ${log}"
true
