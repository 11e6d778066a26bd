package io.playstream.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page in a headless Chromium that a test drives the way a person does (clicks, back and
 * forward) over the DevTools protocol: JSON messages on the WebSocket Chromium opens with
 * {@code --remote-debugging-port}, through the JDK's own WebSocket client. {@link HeadlessChromium}'s
 * one-shot {@code --dump-dom} cannot click or go back; this can.
 */
final class DevToolsPage implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process browser;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private DevToolsPage(Process browser, WebSocket.Builder builder, URI page) {
        this.browser = browser;
        this.socket = builder.buildAsync(page, new Listener()).join();
    }

    /** Starts Chromium at {@code width} x {@code height} on a blank page. */
    static DevToolsPage start(Path workDir, int width, int height) {
        Path profile = workDir.resolve("devtools-profile-" + System.nanoTime());
        List<String> command = HeadlessChromium.command(profile);
        command.addAll(List.of("--remote-debugging-port=0", "--window-size=" + width + "," + height, "about:blank"));
        try {
            Process browser = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("devtools-chromium.log").toFile()).start();
            try {
                // Chromium writes the port it picked (and the browser's path) to this file once it listens
                Path portFile = profile.resolve("DevToolsActivePort");
                List<String> lines = Await.await(PATIENCE, () -> readLines(portFile), l -> l.size() >= 2);
                HttpClient http = HttpClient.newHttpClient();
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lines.get(0).strip() + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                String pageSocket = null;
                for (JsonNode target : JSON.readTree(list)) {
                    if ("page".equals(target.path("type").asText())) {
                        pageSocket = target.get("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) {
                    throw new AssertionError("chromium lists no page: " + list);
                }
                return new DevToolsPage(browser, http.newWebSocketBuilder(), URI.create(pageSocket));
            } catch (RuntimeException | AssertionError e) {
                stop(browser);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + HeadlessChromium.EXECUTABLE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Opens {@code url} in the page (without waiting for its scripts: {@link #awaitView} does). */
    void open(String url) {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression in the page (a promise is awaited). */
    JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("awaitPromise", true).put("returnByValue", true);
        JsonNode answer = call("Runtime.evaluate", params);
        if (answer.has("exceptionDetails")) {
            throw new AssertionError(expression + " threw: " + answer.get("exceptionDetails"));
        }
        return answer.path("result").path("value");
    }

    /** Clicks the first element {@code selector} matches, as a person's click does (listeners, links). */
    void click(String selector) {
        JsonNode clicked = evaluate("(() => { const e = document.querySelector(" + JSON.valueToTree(selector)
                + "); if (!e) return false; e.click(); return true; })()");
        if (!clicked.asBoolean()) {
            throw new AssertionError("nothing on the page matches " + selector);
        }
    }

    /**
     * Presses a key as a keyboard does (down, then up), to whatever has the focus: {@code Tab},
     * {@code Enter}, {@code Space}, {@code ArrowLeft}/{@code Right}/{@code Up}/{@code Down}.
     */
    void press(String key) {
        record Key(String key, String code, int keyCode, String text) {
        }
        Key pressed = switch (key) {
            case "Tab" -> new Key("Tab", "Tab", 9, null);
            case "Enter" -> new Key("Enter", "Enter", 13, "\r");
            case "Space" -> new Key(" ", "Space", 32, " ");
            case "ArrowLeft" -> new Key(key, key, 37, null);
            case "ArrowUp" -> new Key(key, key, 38, null);
            case "ArrowRight" -> new Key(key, key, 39, null);
            case "ArrowDown" -> new Key(key, key, 40, null);
            default -> throw new IllegalArgumentException("no such key here: " + key);
        };
        for (String type : new String[] {pressed.text() == null ? "rawKeyDown" : "keyDown", "keyUp"}) {
            ObjectNode params = JSON.createObjectNode().put("type", type).put("key", pressed.key()).put("code", pressed.code())
                    .put("windowsVirtualKeyCode", pressed.keyCode()).put("nativeVirtualKeyCode", pressed.keyCode());
            if (pressed.text() != null && !type.equals("keyUp")) {
                params.put("text", pressed.text());
            }
            call("Input.dispatchKeyEvent", params);
        }
    }

    /** Waits until the dashboard has finished drawing the view of {@code search} (location.search) and says it is ready. */
    void awaitView(String search) {
        // no body yet while a page loads
        String probe = "document.body ? location.search + ' ' + document.body.dataset.state + ' ' + (document.body.dataset.listening || '') : ''";
        Await.await(PATIENCE, () -> evaluate(probe).asText(),
                seen -> seen.equals(search + " ready " + "/" + search));
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new AssertionError(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(method + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            answers.remove(id);
        }
    }

    /** Collects a message's frames and hands each answer to the call waiting for its id; events are ignored. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder frames = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frames.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(frames.toString());
                    CompletableFuture<JsonNode> answer = message.has("id") ? answers.get(message.get("id").asInt()) : null;
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (IOException e) {
                    answers.values().forEach(a -> a.completeExceptionally(e));
                }
                frames.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of(); // being written: read again
        }
    }

    private static void stop(Process browser) {
        browser.descendants().forEach(ProcessHandle::destroyForcibly);
        browser.destroyForcibly();
    }

    @Override
    public void close() {
        socket.abort();
        stop(browser);
    }
}
