// Run by maven-invoker-plugin after the rebuild of the published modules. maven-artifact-plugin's compare has already
// failed the rebuild if a jar or POM differs from this build's; here its summary must also show that every published
// artifact was compared (a rebuild that compares nothing passes compare), and the BOM must list every published module.
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathConstants
import javax.xml.xpath.XPathFactory

def xpath = XPathFactory.newInstance().newXPath()
def pom = { String path -> DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, path)) }
def values = { doc, String expression ->
    def nodes = xpath.evaluate(expression, doc, XPathConstants.NODESET)
    (0..<nodes.length).collect { nodes.item(it).textContent.trim() }
}

def published = values(pom('pom.xml'), '/project/modules/module').findAll { module ->
    def model = pom("${module}/pom.xml")
    xpath.evaluate('/project/packaging', model) in ['', 'jar'] &&
            xpath.evaluate('/project/properties/maven.install.skip', model) != 'true'
}.collect { xpath.evaluate('/project/artifactId', pom("${it}/pom.xml")) } as Set

def bom = values(pom('hakmem-bom/pom.xml'), '/project/dependencyManagement/dependencies/dependency/artifactId') as Set
assert bom == published : "hakmem-bom manages ${bom.sort()} but the published modules are ${published.sort()}"

def summaries = new File(basedir, 'target').listFiles().findAll { it.name.endsWith('.buildcompare') }
assert summaries.size() == 1 : "no summary of maven-artifact-plugin's compare in ${basedir}/target"
def result = new Properties()
summaries[0].withInputStream { result.load(it) }
// Each published module's POM, jar and sources jar, and the POMs of hakmem-parent and hakmem-bom.
int expected = 3 * published.size() + 2
assert result.ko == '0' && result.missing == null : "the rebuild differs: ${summaries[0].text}"
assert (result.ok as int) == expected : "${result.ok} files compared, ${expected} expected: ${summaries[0].text}"
println "Reproducible: the ${result.ok} files of the rebuild match this build's (${published.size()} modules, their POMs, the BOM's and the parent's)"
true
