<#-- The project's image, rendered by `mvn devstack:build` with FreeMarker. Layers go from what changes least
     (release dependencies) to what changes most (classes), so a code change rebuilds and ships only the top
     layer. The model: baseImage, image, layers (name, source, target), mainClass, user, jvmFlags, expose,
     classpath. Instructions other than FROM/COPY/ENV/WORKDIR/USER/ENTRYPOINT/CMD/EXPOSE/LABEL (RUN, say) make
     devstack use the engine's builder, which is slower and not reproducible. -->
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
