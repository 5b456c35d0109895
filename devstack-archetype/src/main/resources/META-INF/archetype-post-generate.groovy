// Moves the staged devstack files into the project, never over an existing file: that one is kept and devstack's
// version is written beside it as <name>.devstack, with a message saying so. Then adds the devstack plugin to the
// project's pom.xml as a text edit, in the pom's own indentation and line endings, leaving every other line as it
// was. Running the archetype twice does no harm.
//
// Where the files were generated: with -DoutputDirectory=target/devstack-archetype (as the README says) the archetype
// plugin writes a scratch project there (its pom carries the marker below) and never touches the real pom.xml; the
// project is the nearest directory above holding a pom.xml. Without it, the plugin merges its (empty) pom template
// into the project's pom.xml, which rewrites that file: still correct, but line endings and the <project> element's
// layout are normalised, and the output says so.
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.regex.Matcher

String SCRATCH_MARKER = 'devstack-archetype scratch project'
Path out = Path.of(request.outputDirectory).toAbsolutePath().normalize()
Path generated = out.resolve(request.artifactId)
Path project
Path scratch = null
if (Files.isDirectory(out.resolve('devstack-staging'))) {
    project = out
} else if (Files.isRegularFile(generated.resolve('pom.xml'))
        && new String(Files.readAllBytes(generated.resolve('pom.xml')), StandardCharsets.UTF_8).contains(SCRATCH_MARKER)) {
    scratch = generated
    // only <project>/target/<dir>: never edit some other pom found further up
    project = out.parent?.fileName?.toString() == 'target' ? out.parent.parent : null
    if (project == null || !Files.isRegularFile(project.resolve('pom.xml'))) {
        scratch.toFile().deleteDir()
        throw new IllegalStateException("${out} is not the target/ directory of a Maven project: run the archetype "
                + "inside your project with -DoutputDirectory=target/devstack-archetype")
    }
} else {
    project = generated
}
Path staging = (scratch ?: project).resolve('devstack-staging')
String database = request.properties.get('database')
String databaseNote = null
if (database == 'auto') {
    (database, databaseNote) = databaseOfDriver(project.resolve('pom.xml'))
}
keepVariant(staging, database)
String springNote = springBoot(project.resolve('pom.xml'), staging.resolve('compose.yaml'), database)
Map<String, String> renames = ['dot-env': '.env', 'dot-dockerignore': '.dockerignore',
                               'src-main-devstack': 'src/main/devstack', 'github-workflows': '.github/workflows']
List<String> kept = []
String composeNote = null
List<String> added = []
Files.walk(staging).filter { Files.isRegularFile(it) }.sorted().each { Path file ->
    String rel = staging.relativize(file).toString().replace('\\', '/')
    renames.each { from, to -> if (rel == from || rel.startsWith(from + '/')) { rel = to + rel.substring(from.length()) } }
    if (database == 'none' && (rel.startsWith('provision/') || rel.startsWith('dumps/'))) {
        return
    }
    Path target = project.resolve(rel)
    Files.createDirectories(target.parent)
    // a project that already has docker-compose.yml (or friends): a new compose.yaml would silently win over it
    String ownCompose = rel == 'compose.yaml' ? ['compose.yml', 'docker-compose.yml', 'docker-compose.yaml']
            .find { Files.isRegularFile(project.resolve(it)) } : null
    if (ownCompose != null) {
        Files.copy(file, project.resolve('compose.yaml.devstack'), StandardCopyOption.REPLACE_EXISTING)
        composeNote = "your ${ownCompose} stays the compose file devstack reads (as the compose CLI would); " +
                "devstack's services are in compose.yaml.devstack: copy the ones you need (the database, the app's " +
                "environment and healthcheck) into ${ownCompose}, then delete compose.yaml.devstack"
        return
    }
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
if (scratch != null) {
    scratch.toFile().deleteDir()
    boolean empty = Files.list(out).withCloseable { !it.findAny().isPresent() }
    if (empty) {
        Files.delete(out)
    }
}
if (database != 'none') {
    Files.createDirectories(project.resolve('dumps/db'))
}
String javaVersion = request.properties.get('javaVersion')
// scripts that build the whole schema (Spring's SQL init): dumps and their CI check must start from an empty database
List<String> wholeSchema = database == 'none' ? [] : initScripts(project, database)
// migrations a Maven plugin of the project runs: devstack:dump runs that goal against its throwaway database
String pomText = Files.isRegularFile(project.resolve('pom.xml'))
        ? new String(Files.readAllBytes(project.resolve('pom.xml')), StandardCharsets.UTF_8) : ''
String migrationGoals = database == 'none' ? null
        : pomText.contains('<artifactId>flyway-maven-plugin</artifactId>') ? 'flyway:migrate'
        : pomText.contains('<artifactId>liquibase-maven-plugin</artifactId>') ? 'liquibase:update' : null
String migrationNote = null
if (migrationGoals == null && database != 'none') {
    String library = pomText.contains('<artifactId>flyway-core</artifactId>') ? 'Flyway'
            : pomText.contains('<artifactId>liquibase-core</artifactId>') ? 'Liquibase' : null
    if (library) {
        migrationNote = "${library} migrations: so that devstack:dump can build the dump from them, declare " +
                "${library == 'Flyway' ? 'flyway-maven-plugin' : 'liquibase-maven-plugin'} in the pom and set " +
                "<migrationGoals>${library == 'Flyway' ? 'flyway:migrate' : 'liquibase:update'}</migrationGoals> " +
                "(README: Keeping dumps fresh)"
    }
}
if (migrationGoals != null) {
    wholeSchema = [] // incremental migrations build the schema; schema.sql is then the app's, not the dump's
}
// a main class the project does not have (the default <package>.Main, say) is left out: devstack:build finds it
String mainClass = request.properties.get('mainClass')
String mainSource = "src/main/java/${mainClass.replace('.', '/')}"
if (!Files.isRegularFile(project.resolve(mainSource + '.java')) && !Files.isRegularFile(project.resolve(mainSource + '.kt'))) {
    println "[devstack] no class ${mainClass} in src/main: the image runs the main class devstack:build finds (the " +
            "jar or Spring Boot plugin's, else the one class with a main method); pin one with <mainClass>"
    mainClass = null
}
String pluginNote = addPlugin(project.resolve('pom.xml'), request.archetypeVersion, mainClass,
        javaVersion == '17' ? null : "eclipse-temurin:${javaVersion}-jre".toString(), wholeSchema.join(','),
        migrationGoals)
if (pluginNote) {
    println "[devstack] ${pluginNote}"
}
if (scratch == null) {
    println "[devstack] note: maven-archetype-plugin rewrote pom.xml while merging (line endings and the <project> " +
            "element's layout are normalised); add -DoutputDirectory=target/devstack-archetype to keep your pom.xml " +
            "as written apart from the added plugin - review the change with your version control"
}
if (added) {
    println "[devstack] added: ${added.join(', ')}"
}
if (databaseNote) {
    println "[devstack] ${databaseNote}"
}
if (migrationNote) {
    println "[devstack] ${migrationNote}"
}
if (springNote) {
    println "[devstack] ${springNote}"
}
if (composeNote) {
    println "[devstack] ${composeNote}"
}
if (kept) {
    println "[devstack] kept your existing files, not overwritten: ${kept.join('; ')} - merge what you need by hand"
}
String databaseName = request.properties.get('databaseName')
println(database == 'none' ? "[devstack] next: mvn package devstack:up   (then commit the new files)"
        : "[devstack] next: make the first dump, dumps/db/${databaseName}.sql, with mvn devstack:dump "
        + "(dumps/README.md says how), then mvn package devstack:up; commit the new files and the dump")

/**
 * Inserts the devstack plugin as the last plugin of project/build/plugins (creating <plugins> or <build> when
 * absent). Returns what it did, or null when project/build/plugins already has it. The pom is read and written as
 * ISO-8859-1, which keeps every byte of any encoding as it was; what is inserted is plain ASCII.
 */
String addPlugin(Path pom, String version, String mainClass, String baseImage, String migrationSql,
                 String migrationGoals) {
    String text = new String(Files.readAllBytes(pom), StandardCharsets.ISO_8859_1)
    String nl = text.contains('\r\n') ? '\r\n' : '\n'
    Matcher model = text =~ /(?m)^([ \t]+)<modelVersion>/
    String unit = model.find() ? model.group(1) : '  '
    Map<String, Integer> closing = [:]
    Map<String, List<Integer>> selfClosed = [:]
    List<String> open = []
    List<Integer> openEnds = []
    Matcher tag = text =~ /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/
    while (tag.find()) {
        if (tag.group(2) == null) {
            continue
        }
        String path = (open + [tag.group(2)]).join('/')
        if (tag.group(3) == '/') {
            selfClosed.putIfAbsent(path, [tag.start(), tag.end()])
        } else if (tag.group(1) == '/') {
            path = open.join('/')
            if (path == 'project/build/plugins/plugin/artifactId'
                    && text.substring(openEnds.last(), tag.start()).trim() == 'devstack-maven-plugin') {
                return null
            }
            closing.putIfAbsent(path, tag.start())
            open.removeLast()
            openEnds.removeLast()
        } else {
            open << tag.group(2)
            openEnds << tag.end()
        }
    }
    List<String> plugin = ['<plugin>', "${unit}<groupId>io.devstack</groupId>",
                           "${unit}<artifactId>devstack-maven-plugin</artifactId>", "${unit}<version>${version}</version>",
                           "${unit}<configuration>"]
    if (mainClass) {
        plugin << "${unit}${unit}<mainClass>${mainClass}</mainClass>".toString()
    }
    if (baseImage) {
        plugin << "${unit}${unit}<baseImage>${baseImage}</baseImage>".toString()
    }
    if (migrationSql) {
        plugin << "${unit}${unit}<migrationSql>${migrationSql}</migrationSql>".toString()
    }
    if (migrationGoals) {
        plugin << "${unit}${unit}<migrationGoals>${migrationGoals}</migrationGoals>".toString()
    }
    plugin += ["${unit}</configuration>", '</plugin>']
    List<String> block
    Integer at
    // an empty <plugins/> or <build/> becomes an open and a closing tag, so the usual insertion below applies
    for (String empty : ['project/build/plugins', 'project/build']) {
        List<Integer> where = selfClosed[empty]
        if (where != null && closing[empty] == null) {
            String name = empty.substring(empty.lastIndexOf('/') + 1)
            int lineStart = text.lastIndexOf('\n', where[0] - 1) + 1
            String indent = text.substring(lineStart, where[0]).isBlank() ? text.substring(lineStart, where[0]) : ''
            text = text.substring(0, where[0]) + "<${name}>" + nl + indent + "</${name}>" + text.substring(where[1])
            Files.write(pom, text.getBytes(StandardCharsets.ISO_8859_1))
            return addPlugin(pom, version, mainClass, baseImage, migrationSql, migrationGoals)
        }
    }
    if (closing['project/build/plugins'] != null) {
        at = closing['project/build/plugins']
        block = plugin.collect { unit + it }
    } else if (closing['project/build'] != null) {
        at = closing['project/build']
        block = (['<plugins>'] + plugin.collect { unit + it } + ['</plugins>']).collect { unit + it }
    } else {
        at = closing['project']
        block = (['<build>', "${unit}<plugins>"] + plugin.collect { unit + unit + it } + ["${unit}</plugins>", '</build>'])
                .collect { unit + it }
    }
    if (at == null) {
        throw new IllegalStateException("${pom} has no </project>: add the devstack plugin to it by hand")
    }
    int lineStart = text.lastIndexOf('\n', at - 1) + 1
    String before = text.substring(lineStart, at)
    String indent = before.isBlank() ? before : ''
    String insert = block.collect { indent + it + nl }.join('')
    String merged
    if (before.isBlank()) {
        merged = text.substring(0, lineStart) + insert + text.substring(lineStart)
    } else { // the closing tag shares its line with other content: put the block on lines of its own before it
        merged = text.substring(0, at) + nl + insert + indent + text.substring(at)
    }
    Files.write(pom, merged.getBytes(StandardCharsets.ISO_8859_1))
    return "added the devstack plugin to pom.xml (" + (mainClass ? "<mainClass>${mainClass}</mainClass>" : "main class found at build") +
            (baseImage ? ", <baseImage>${baseImage}</baseImage>" : '') +
            (migrationSql ? ", <migrationSql>${migrationSql}</migrationSql>: these scripts build the whole schema, so " +
                    "devstack:dump and its CI check start from an empty database" : '') +
            (migrationGoals ? ", <migrationGoals>${migrationGoals}</migrationGoals>: devstack:dump runs your " +
                    "migrations with it" : '') + ')'
}

// A Spring Boot app reads none of DB_URL, DB_USER, DB_PASSWORD, PORT: give it the variables it does read, keep its
// own SQL init from rebuilding schema and data over the loaded dump, and use /actuator/health when actuator is there.
String springBoot(Path pom, Path compose, String database) {
    if (!Files.isRegularFile(pom) || !Files.isRegularFile(compose)) {
        return null
    }
    String pomText = new String(Files.readAllBytes(pom), StandardCharsets.UTF_8)
    if (!pomText.contains('<groupId>org.springframework.boot</groupId>')) {
        return null
    }
    boolean actuator = pomText.contains('<artifactId>spring-boot-starter-actuator</artifactId>')
    String text = new String(Files.readAllBytes(compose), StandardCharsets.UTF_8)
    text = text.replaceAll(/(?m)^(\s+)PORT: /, '$1SERVER_PORT: ')
            .replaceAll(/(?m)^(\s+)DB_URL: /, '$1SPRING_DATASOURCE_URL: ')
            .replaceAll(/(?m)^(\s+)DB_USER: /, '$1SPRING_DATASOURCE_USERNAME: ')
            .replaceAll(/(?m)^(\s+)DB_PASSWORD: (.*)$/, { all, indent, value ->
                "${indent}SPRING_DATASOURCE_PASSWORD: ${value}\n${indent}# the loaded dump is the data: Spring's SQL init " +
                        "must not rebuild schema and data over it\n${indent}SPRING_SQL_INIT_MODE: never" })
    if (actuator) {
        text = text.replaceAll(/(?m)^(\s+)# ready when the app accepts connections;.*\n(\s+)test: \["CMD", "bash", "-c", "exec 3<>\/dev\/tcp\/127\.0\.0\.1\/(\d+)"\]/,
                { all, indent, indent2, port -> "${indent}# ready when Spring Boot's actuator says UP (a real GET, with bash only: no curl in JRE images)\n" +
                        "${indent2}test: [\"CMD\", \"bash\", \"-c\", \"exec 3<>/dev/tcp/127.0.0.1/${port} && printf 'GET /actuator/health HTTP/1.0\\\\r\\\\n\\\\r\\\\n' >&3 && head -1 <&3 | grep -q ' 200 '\"]" })
    }
    Files.write(compose, text.getBytes(StandardCharsets.UTF_8))
    return "Spring Boot project: the app gets SERVER_PORT" + (database == 'none' ? '' :
            ", SPRING_DATASOURCE_URL/USERNAME/PASSWORD and SPRING_SQL_INIT_MODE=never (the dump is the data)") +
            (actuator ? "; readiness is GET /actuator/health" : "; readiness is its port (add spring-boot-starter-actuator for /actuator/health)")
}


/**
 * The database a project talks to, from the JDBC (or R2DBC) drivers its pom.xml declares outside test scope, and a
 * line saying how it was chosen. No driver: mariadb, the archetype's long-standing default.
 */
List<String> databaseOfDriver(Path pom) {
    Map<String, String> drivers = ['org.postgresql:postgresql': 'postgres', 'org.postgresql:r2dbc-postgresql': 'postgres',
                                   'org.mariadb.jdbc:mariadb-java-client': 'mariadb', 'org.mariadb:r2dbc-mariadb': 'mariadb',
                                   'com.mysql:mysql-connector-j': 'mysql', 'mysql:mysql-connector-java': 'mysql',
                                   'io.asyncer:r2dbc-mysql': 'mysql']
    String text = Files.isRegularFile(pom) ? new String(Files.readAllBytes(pom), StandardCharsets.UTF_8) : ''
    text = text.replaceAll(/(?s)<!--.*?-->/, '')
    List<String> found = []
    Matcher dependency = text =~ /(?s)<dependency>(.*?)<\/dependency>/
    while (dependency.find()) {
        String body = dependency.group(1)
        String coordinates = "${tagText(body, 'groupId')}:${tagText(body, 'artifactId')}"
        String database = drivers[coordinates]
        if (database != null && tagText(body, 'scope') != 'test' && !found.contains(database)) {
            found << database
        }
    }
    String retry = "; pass -Ddatabase=mariadb|mysql|postgres|none to choose another"
    if (found.isEmpty()) {
        return ['mariadb', "no JDBC driver in pom.xml: the stack gets a MariaDB database" + retry]
    }
    return [found[0], "database: ${found[0]}, from the JDBC driver in pom.xml" + (found.size() > 1
            ? " (it also declares drivers for ${found.subList(1, found.size()).join(', ')}: the first one wins)" : '') + retry]
}

String tagText(String xml, String tag) {
    Matcher m = xml =~ "<${tag}>\\s*([^<]*?)\\s*</${tag}>"
    return m.find() ? m.group(1) : null
}

/**
 * Keeps in each staged file only the part for the chosen database: a template rendered without a given database
 * holds every variant, each after an "@devstack-variant@ <database>" line; one rendered for a given database holds one.
 */
void keepVariant(Path staging, String database) {
    String marker = '@devstack-variant@ '
    Files.walk(staging).filter { Files.isRegularFile(it) }.each { Path file ->
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
        if (!text.startsWith(marker) && !text.contains('\n' + marker)) {
            return
        }
        StringBuilder kept = new StringBuilder()
        String current = null
        text.split('(?<=\n)').each { String line ->
            if (line.startsWith(marker)) {
                current = line.substring(marker.length()).trim()
            } else if (current == null || current == database) {
                kept.append(line)
            }
        }
        Files.write(file, kept.toString().getBytes(StandardCharsets.UTF_8))
    }
}

/**
 * Spring's SQL init scripts for this database, as the app's own configuration would name them: schema.sql and
 * data.sql, else schema-<platform>.sql and data-<platform>.sql, else db/<platform>/schema.sql and data.sql (a
 * spring.sql.init.schema-locations layout). Only a schema script makes a set: data alone needs tables from elsewhere.
 */
List<String> initScripts(Path project, String database) {
    List<String> platforms = [mariadb: ['mariadb', 'mysql'], mysql: ['mysql', 'mariadb'],
                              postgres: ['postgresql', 'postgres']][database]
    String resources = 'src/main/resources/'
    List<List<String>> sets = [['schema.sql', 'data.sql']] + platforms.collect { ["schema-${it}.sql", "data-${it}.sql"] } +
            platforms.collect { ["db/${it}/schema.sql", "db/${it}/data.sql"] }
    List<String> found = sets.collect { set -> set.collect { (resources + it).toString() } }
            .find { set -> Files.isRegularFile(project.resolve(set[0])) }
    return found ? found.findAll { Files.isRegularFile(project.resolve(it)) } : []
}
