package io.playstream.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.playstream.jobs.PipelineRuns;
import io.playstream.jobs.RunState;
import io.playstream.jobs.RunView;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/runs}, {@code GET /api/v1/runs} (the recent ones) and
 * {@code GET /api/v1/runs/{run_id}}. The run id is a function of the idempotency key and JobRunr
 * creates a job only if its id is new, so a repeated or concurrent post of one key answers the same
 * run and enqueues nothing more.
 */
final class RunsApi {

    private static final Logger LOG = LoggerFactory.getLogger(RunsApi.class);

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final long MAX_OFFSET = 10_000;

    private final PipelineRuns runs;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    RunsApi(PipelineRuns runs, ObjectMapper json, int maxBodyBytes) {
        this.runs = runs;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    void trigger(Context ctx) {
        RunCommandRequest command = RunCommandRequest.parse(BoundedBody.read(ctx, maxBodyBytes), json);
        UUID runId = runs.submit(PipelineRuns.runIdFor(command.idempotencyKey()), command.run());
        RunView run = runs.find(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " vanished after creation"));
        if (!run.request().equals(command.run())) {
            throw new ApiError(409, "idempotency_key was already used for a different run (" + run.kind().wireName()
                    + " " + run.request().dataInterval().map(Object::toString).orElse("") + ")");
        }
        LOG.info("Run(id={}, job={}) requested", runId, run.kind().wireName());
        ctx.status(202).json(Map.of("run_id", runId.toString(), "state", run.state().name()));
    }

    void show(Context ctx) {
        UUID runId = parseId(ctx.pathParam("run_id"));
        RunView run = runs.find(runId).orElseThrow(() -> new ApiError(404, "no run with id " + runId));
        ctx.json(describe(run));
    }

    /**
     * {@code GET /api/v1/runs}: recent runs, newest first, a page at a time ({@code limit} 1 to
     * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}; {@code offset} up to {@value #MAX_OFFSET};
     * {@code state} to keep one state), with {@code next_offset} as the gold pages have it.
     */
    void list(Context ctx) {
        int limit = (int) GoldQuery.number(ctx.queryParamMap(), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = GoldQuery.number(ctx.queryParamMap(), "offset", 0, 0, MAX_OFFSET);
        Optional<RunState> state = Optional.ofNullable(ctx.queryParam("state")).map(RunsApi::state);
        List<RunView> page = runs.recent(state, offset, limit + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", page.stream().limit(limit).map(RunsApi::describe).toList());
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("next_offset", page.size() > limit ? offset + limit : null);
        ctx.json(body);
    }

    private static RunState state(String text) {
        try {
            return RunState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("state = " + GoldQuery.printable(text) + " is not accepted; accepted: "
                    + Arrays.stream(RunState.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    static Map<String, Object> describe(RunView run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", run.runId().toString());
        body.put("job", run.kind().wireName());
        body.put("state", run.state().name());
        run.reason().ifPresent(reason -> body.put(run.state() == RunState.FAILED ? "reason" : "last_error", reason));
        body.put("attempts", run.attempts());
        body.put("created_at", run.createdAt().toString());
        body.put("updated_at", run.updatedAt().toString());
        body.put("interval", run.request().dataInterval()
                .map(i -> Map.of("start", i.start().toString(), "end", i.end().toString())).orElse(null));
        return body;
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "no run with id " + text.replaceAll("[^A-Za-z0-9-]", "?"));
        }
    }
}
