package io.playstream.app.run;

import io.playstream.PlaystreamException;
import io.playstream.jobs.DataInterval;
import io.playstream.jobs.PipelineStages;
import io.playstream.jobs.StageReport;
import java.util.Optional;

/**
 * WIRING POINT (lead): what {@code playstream run} runs until {@link AppServices#stages} binds the
 * bronze loader ({@code Warehouses.open(uri, env)} + {@code BronzeLoader}) and the transform runner
 * from pipeline-core. Every job fails permanently with a reason that says so, rather than pretending.
 */
final class UnboundStages implements PipelineStages {

    @Override
    public StageReport load(Optional<DataInterval> interval) {
        throw PlaystreamException.permanent("the load stage is not bound in this build (AppServices.stages)");
    }

    @Override
    public StageReport transform(Optional<String> selector, boolean fullRefresh) {
        throw PlaystreamException.permanent("the transform stage is not bound in this build (AppServices.stages)");
    }
}
