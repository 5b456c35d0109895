# Sourced by the dump benchmarks: a one-service MariaDB project for devstack, and its clean-up.
# Expects ROOT (the repository) to be set.

install_plugin() {
  echo "installing the plugin into your local repository ..."
  (cd "$ROOT" && ./mvnw -q -B install -DskipTests -DskipITs -pl devstack-maven-plugin -am)
}

# write_mariadb_project DIR IMAGE: pom.xml with the plugin, compose.yaml with service db (data in a named volume)
write_mariadb_project() {
  mkdir -p "$1/dumps/db"
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin><groupId>io.devstack</groupId><artifactId>devstack-maven-plugin</artifactId>
  <version>0.1.0-SNAPSHOT</version></plugin></plugins></build></project>
POM
  cat > "$1/compose.yaml" <<YAML
services:
  db:
    image: $2
    environment: {MARIADB_ROOT_PASSWORD: secret}
    volumes: [data:/var/lib/mysql]
    healthcheck: {test: ["CMD-SHELL", "mariadb-admin --protocol=tcp -h 127.0.0.1 ping --silent"], interval: 1s}
volumes: {data: {}}
YAML
}

# down_project DIR: the stack and its volumes gone (no error when there is none)
down_project() {
  (cd "$1" 2>/dev/null && "$ROOT/mvnw" -q -B devstack:down -Ddevstack.removeVolumes=true >/dev/null 2>&1) || true
}
