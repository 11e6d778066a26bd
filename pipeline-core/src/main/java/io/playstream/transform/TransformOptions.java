package io.playstream.transform;

import io.playstream.transform.internal.project.YamlFiles;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One transform run: which dbt project, which models, and dbt's run flags.
 *
 * @param projectDir the dbt project folder (holding dbt_project.yml)
 * @param select dbt's {@code --select}, empty for every model
 * @param fullRefresh dbt's {@code --full-refresh}: rebuild incremental models from scratch
 * @param vars dbt's {@code --vars}, laid over the project's vars
 * @param env what {@code env_var()} reads (core never reads the process environment itself)
 * @param targetPath where run_results.json and manifest.json go (dbt's {@code --target-path}); null for
 *                   the project's {@code target/}
 * @param stateAware reuse a model (and a test) whose code and inputs did not change since its last
 *                   success instead of building it; ignored with {@code fullRefresh}, which builds all
 * @param tests whether the selected models' data tests run ({@code dbt build}); false builds the
 *              models only ({@code dbt run}), for callers that test on a cadence of their own
 * @param exclude dbt's {@code --exclude}, empty for none
 * @param statePath dbt's {@code --state}: an earlier run's target folder, for {@code state:},
 *                  {@code result:} and {@code source_status:} selectors; null for none
 * @param eventTimeStart dbt's {@code --event-time-start}: the first microbatch batch to build (a
 *                       backfill), null for the batches dbt would choose
 * @param eventTimeEnd dbt's {@code --event-time-end}: where the batches end (exclusive), null for now
 */
public record TransformOptions(Path projectDir, String select, boolean fullRefresh, Map<String, Object> vars,
        Map<String, String> env, Path targetPath, boolean stateAware, boolean tests, String exclude, Path statePath,
        String eventTimeStart, String eventTimeEnd) {

    public static final Path DEFAULT_PROJECT_DIR = Path.of("dbt");

    public TransformOptions {
        Objects.requireNonNull(projectDir, "projectDir");
        select = select == null ? "" : select.trim();
        exclude = exclude == null ? "" : exclude.trim();
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars == null ? Map.of() : vars));
        env = Map.copyOf(env == null ? Map.of() : env);
    }

    /** Every model of the project and its tests, incremental and state-aware, no vars or environment. */
    public static TransformOptions of(Path projectDir) {
        return new TransformOptions(projectDir, "", false, Map.of(), Map.of(), null, true, true, "", null, null, null);
    }

    public TransformOptions withSelect(String selector) {
        return new TransformOptions(projectDir, selector, fullRefresh, vars, env, targetPath, stateAware, tests, exclude, statePath, eventTimeStart, eventTimeEnd);
    }

    public TransformOptions withFullRefresh(boolean refresh) {
        return new TransformOptions(projectDir, select, refresh, vars, env, targetPath, stateAware, tests, exclude, statePath, eventTimeStart, eventTimeEnd);
    }

    /** {@code --vars} as dbt takes it: a YAML (or JSON) mapping. */
    public TransformOptions withVars(String yaml) {
        return new TransformOptions(projectDir, select, fullRefresh, YamlFiles.parseMap(yaml, "--vars"), env, targetPath,
                stateAware, tests, exclude, statePath, eventTimeStart, eventTimeEnd);
    }

    public TransformOptions withEnv(Map<String, String> environment) {
        return new TransformOptions(projectDir, select, fullRefresh, vars, environment, targetPath, stateAware, tests, exclude, statePath, eventTimeStart, eventTimeEnd);
    }

    public TransformOptions withTargetPath(Path path) {
        return new TransformOptions(projectDir, select, fullRefresh, vars, env, path, stateAware, tests, exclude, statePath, eventTimeStart, eventTimeEnd);
    }

    public TransformOptions withExclude(String selector) {
        return new TransformOptions(projectDir, select, fullRefresh, vars, env, targetPath, stateAware, tests, selector, statePath, eventTimeStart, eventTimeEnd);
    }

    /**
     * dbt's {@code --selector NAME}: the project's YAML selector decides, {@code --select} and
     * {@code --exclude} are dropped as dbt drops them (dbt 1.12 spells it {@code --select selector:NAME}).
     */
    public TransformOptions withSelector(String name) {
        return withSelect("selector:" + name).withExclude("");
    }

    public TransformOptions withState(Path earlierTarget) {
        return new TransformOptions(projectDir, select, fullRefresh, vars, env, targetPath, stateAware, tests, exclude, earlierTarget, eventTimeStart, eventTimeEnd);
    }

    /** With {@code false}, the models are built without their data tests, as {@code dbt run} does. */
    public TransformOptions withTests(boolean run) {
        return new TransformOptions(projectDir, select, fullRefresh, vars, env, targetPath, stateAware, run, exclude, statePath, eventTimeStart, eventTimeEnd);
    }

    /** With {@code false}, every selected node is built, as before state-aware builds. */
    public TransformOptions withStateAware(boolean reuse) {
        return new TransformOptions(projectDir, select, fullRefresh, vars, env, targetPath, reuse, tests, exclude, statePath, eventTimeStart, eventTimeEnd);
    }

    /** Microbatch models build the batches from {@code start} to {@code end} (dbt's backfill flags); nulls for none. */
    public TransformOptions withEventTimes(String start, String end) {
        return new TransformOptions(projectDir, select, fullRefresh, vars, env, targetPath, stateAware, tests, exclude, statePath, start, end);
    }
}
