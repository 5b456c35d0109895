<#-- devstack's default Dockerfile for a Maven project. Layers go from what changes least (release
     dependencies) to what changes most (classes), so a code change rebuilds and ships only the top layer.
     Override it with src/main/devstack/Dockerfile.ftl; the model is described in README.md. -->
FROM ${baseImage}
<#list layers as layer>
COPY ${layer.source} ${layer.target}
</#list>
WORKDIR /app
USER ${user}
<#list expose as port>
EXPOSE ${port}
</#list>
ENTRYPOINT ["java"<#list jvmFlags as flag>, "${flag}"</#list>, "-cp", "${classpath}", "${mainClass}"]
