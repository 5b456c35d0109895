package io.devstack.core.up;

import io.devstack.core.stack.Mount;

import io.devstack.core.stack.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state one run of {@code up} shares between its service threads, its cleanup and its shutdown hook: what it
 * created (so a failure removes exactly that), whether it is failing, and what happened to each service so far.
 */
final class UpSession {
    final Stack stack;
    final UpRequest request;
    final String engineHost;
    private final List<String> created = new ArrayList<>();
    private final List<String> createdNetworks = new ArrayList<>();
    private final List<String> createdVolumes = new ArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Map<String, ServiceAction> actions = new ConcurrentHashMap<>();
    private boolean closed;

    UpSession(Stack stack, UpRequest request, String engineHost) {
        this.stack = stack;
        this.request = request;
        this.engineHost = engineHost;
    }

    boolean failing() {
        return failing.get();
    }

    void fail() {
        failing.set(true);
    }

    /** Records a container this run created; false when the run is already over (the caller removes it). */
    synchronized boolean track(String containerId) {
        created.add(containerId);
        return !closed;
    }

    synchronized void trackNetwork(String name) {
        createdNetworks.add(name);
    }

    /** A volume this run created: it holds only what this run put there (a database's first initialisation). */
    synchronized void trackVolume(String name) {
        createdVolumes.add(name);
    }

    private final java.util.Set<String> ready = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The service met its readiness condition in this run. */
    void markReady(String service) {
        ready.add(service);
    }

    /**
     * The volumes this run created that a service cut off before it was ready mounts: they hold a first
     * initialisation that did not finish (a database's), which no later start could use.
     */
    List<String> cutOffVolumes(List<String> createdVolumes) {
        return createdVolumes.stream().filter(volume -> stack.services().values().stream()
                .filter(service -> service.mounts().stream().anyMatch(m -> m.type() == Mount.Type.VOLUME
                        && m.source() != null && stack.volumes().get(m.source()).dockerName().equals(volume)))
                .anyMatch(service -> !ready.contains(service.name()))).toList();
    }

    void record(String service, ServiceAction action) {
        actions.put(service, action);
    }

    ServiceAction actionOf(String service) {
        return actions.get(service);
    }

    /** Ends the run; returns what it created when this call ended it (null when it had ended already). */
    synchronized Created close() {
        if (closed) {
            return null;
        }
        closed = true;
        return new Created(List.copyOf(created), List.copyOf(createdNetworks), List.copyOf(createdVolumes));
    }

    record Created(List<String> containers, List<String> networks, List<String> volumes) {
        boolean isEmpty() {
            return containers.isEmpty() && networks.isEmpty() && volumes.isEmpty();
        }
    }
}
