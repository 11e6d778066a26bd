package io.playstream.app.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace joined to the host by a veth pair ({@code 10.200.N.1} on the host side,
 * {@code 10.200.N.2} inside), for a process the test wants to cut off from some of its peers. The
 * peers to be cut off listen on an address of their own, {@link #isolatableAddress()}
 * ({@code 10.201.N.1}, also on the host's end), which the namespace reaches by a route of its own:
 * {@link #partition()} turns that route into a blackhole, so every packet the namespace sends there
 * is dropped while its other connections (to {@link #hostAddress()}) stay up; {@link #heal()} puts
 * the route back. Routes rather than {@code tc} filters or a firewall, since kernels without those
 * modules (as on the machines this runs on) all have routing. Needs root (CAP_NET_ADMIN);
 * {@link #create} is empty, with the reason, where the machine refuses.
 */
final class NetworkNamespace implements AutoCloseable {

    private final int subnet;
    private final String name;
    private final String hostEnd;
    private final String innerEnd;
    private final String hostAddress;
    private final String isolatableAddress;
    private boolean partitioned;

    private NetworkNamespace(int subnet) {
        this.subnet = subnet;
        this.name = "pf" + subnet;
        this.hostEnd = "vh" + name;
        this.innerEnd = "vn" + name;
        this.hostAddress = "10.200." + subnet + ".1";
        this.isolatableAddress = "10.201." + subnet + ".1";
    }

    /**
     * Creates namespace {@code pf<subnet>} on the first of 20 subnets from {@code 20 + firstSubnet % 200}
     * that no other run holds (two builds on one machine each get their own); the reason in {@code why}
     * when the machine does not allow it.
     */
    static Optional<NetworkNamespace> create(int firstSubnet, StringBuilder why) {
        IllegalStateException refused = null;
        for (int n = 0; n < 20; n++) {
            NetworkNamespace ns = new NetworkNamespace(20 + (firstSubnet + n) % 200);
            try {
                ns.ip("netns", "add", ns.name);
            } catch (IllegalStateException e) {
                refused = e; // taken by another run, or namespaces refused: try the next, never remove another's
                continue;
            }
            try {
                ns.join();
                return Optional.of(ns);
            } catch (IllegalStateException e) {
                why.append(e.getMessage());
                ns.close();
                return Optional.empty();
            }
        }
        why.append(refused.getMessage());
        return Optional.empty();
    }

    private void join() {
        ip("link", "add", hostEnd, "type", "veth", "peer", "name", innerEnd);
        ip("link", "set", innerEnd, "netns", name);
        ip("addr", "add", hostAddress + "/30", "dev", hostEnd);
        ip("addr", "add", isolatableAddress + "/32", "dev", hostEnd);
        ip("link", "set", hostEnd, "up");
        inside("ip", "addr", "add", "10.200." + subnet + ".2/30", "dev", innerEnd);
        inside("ip", "link", "set", innerEnd, "up");
        inside("ip", "link", "set", "lo", "up");
        routeToIsolatable("add");
    }

    /** The host's address as the namespace sees it: services it must reach listen there. */
    String hostAddress() {
        return hostAddress;
    }

    /**
     * The host's address that {@link #partition()} cuts the namespace off from: the peers to be cut off
     * listen there (the host reaches it too, as one of its own addresses).
     */
    String isolatableAddress() {
        return isolatableAddress;
    }

    /** What a command is prefixed with to run inside the namespace. */
    List<String> commandPrefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** From now on every packet from the namespace to {@link #isolatableAddress()} is dropped. */
    void partition() {
        inside("ip", "route", "replace", "blackhole", isolatableAddress + "/32");
        partitioned = true;
    }

    void heal() {
        if (partitioned) {
            routeToIsolatable("replace");
            partitioned = false;
        }
    }

    private void routeToIsolatable(String verb) {
        inside("ip", "route", verb, isolatableAddress + "/32", "via", hostAddress, "dev", innerEnd);
    }

    private void inside(String... command) {
        List<String> full = new ArrayList<>(commandPrefix());
        full.addAll(List.of(command));
        run(full);
    }

    private void ip(String... arguments) {
        List<String> full = new ArrayList<>(List.of("ip"));
        full.addAll(List.of(arguments));
        run(full);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        for (List<String> command : List.of(List.of("ip", "netns", "del", name), List.of("ip", "link", "del", hostEnd))) {
            try {
                run(command);
            } catch (IllegalStateException e) {
                // not created, or gone with the namespace
            }
        }
    }
}
