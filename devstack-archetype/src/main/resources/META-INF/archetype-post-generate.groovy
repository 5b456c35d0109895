// Moves the staged devstack files into the project, never over an existing file: that one is kept and devstack's
// version is written beside it as <name>.devstack, with a message saying so. Running the archetype twice does no harm.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path project = Path.of(request.outputDirectory)
if (!Files.isDirectory(project.resolve('devstack-staging')) && Files.isDirectory(project.resolve(request.artifactId).resolve('devstack-staging'))) {
    project = project.resolve(request.artifactId)
}
Path staging = project.resolve('devstack-staging')
String database = request.properties.get('database')
Map<String, String> renames = ['dot-env': '.env', 'dot-dockerignore': '.dockerignore',
                               'src-main-devstack': 'src/main/devstack', 'github-workflows': '.github/workflows']
List<String> kept = []
List<String> added = []
Files.walk(staging).filter { Files.isRegularFile(it) }.sorted().each { Path file ->
    String rel = staging.relativize(file).toString().replace('\\', '/')
    renames.each { from, to -> if (rel == from || rel.startsWith(from + '/')) { rel = to + rel.substring(from.length()) } }
    if (database == 'none' && (rel.startsWith('provision/') || rel.startsWith('dumps/'))) {
        return
    }
    Path target = project.resolve(rel)
    Files.createDirectories(target.parent)
    if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(file))) {
        return // already there as devstack would write it: a second run changes nothing
    }
    if (Files.exists(target)) {
        Path beside = target.resolveSibling(target.fileName.toString() + '.devstack')
        Files.copy(file, beside, StandardCopyOption.REPLACE_EXISTING)
        kept << "${rel} (devstack's version: ${rel}.devstack)"
    } else {
        Files.copy(file, target)
        added << rel
    }
}
staging.toFile().deleteDir()
if (database != 'none') {
    Files.createDirectories(project.resolve('dumps/db'))
}
if (added) {
    println "[devstack] added: ${added.join(', ')}"
}
if (kept) {
    println "[devstack] kept your existing files, not overwritten: ${kept.join('; ')} - merge what you need by hand"
}
println "[devstack] next: mvn package devstack:up   (commit the new files; dumps go to dumps/db/<database>.sql)"
