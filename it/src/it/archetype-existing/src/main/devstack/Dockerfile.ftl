<#-- the team's own devstack template, kept as it is -->
FROM ${baseImage}
<#list layers as layer>
COPY ${layer.source} ${layer.target}
</#list>
ENTRYPOINT ["java", "-cp", "${classpath}", "${mainClass}"]
