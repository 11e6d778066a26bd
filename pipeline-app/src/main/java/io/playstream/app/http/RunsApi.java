package io.playstream.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.playstream.jobs.PipelineRuns;
import io.playstream.jobs.RunState;
import io.playstream.jobs.RunView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/runs} and {@code GET /api/v1/runs/{run_id}}. The run id is a function of the
 * idempotency key and JobRunr creates a job only if its id is new, so a repeated or concurrent post
 * of one key answers the same run and enqueues nothing more.
 */
final class RunsApi {

    private static final Logger LOG = LoggerFactory.getLogger(RunsApi.class);

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
