package io.playstream.app.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.app.http.ApiServer;
import io.playstream.app.http.DashboardSources;
import io.playstream.app.http.GoldCompleteness;
import io.playstream.app.http.HealthCheck;
import io.playstream.app.metrics.JobMetrics;
import io.playstream.app.metrics.SinkMeters;
import io.playstream.jobs.CoreStages;
import io.playstream.jobs.PipelineStages;
import io.playstream.jobs.runtime.JobsRuntime;
import io.playstream.jobs.runtime.JobsSettings;
import io.playstream.app.stream.SimulatorService;
import io.playstream.app.stream.SinkMemberId;
import io.playstream.app.stream.SinkService;
import io.playstream.objectstore.ObjectStore;
import io.playstream.objectstore.ObjectStores;
import io.playstream.stream.EmbeddedKafkaBroker;
import io.playstream.stream.KafkaNotices;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.NoticeSink;
import io.playstream.stream.PublisherConfig;
import io.playstream.stream.SinkConfig;
import io.playstream.stream.Topics;
import io.playstream.warehouse.LoaderSettings;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code playstream run} starts, in order, and stops in reverse order: the store, the
 * warehouse, streaming, then the jobs on {@link CoreStages} and the HTTP API.
 */
public final class AppServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppServices.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, HealthCheck> health = new LinkedHashMap<>();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JobsRuntime jobs;
    private ApiServer api;
    private DashboardSources dashboard = DashboardSources.none();
    private String kafkaBootstrapServers;
    /** The Kafka whose notice topic the micro-batch loop reads; null without a sink in this app. */
    private KafkaSettings noticeKafka;
    private MicroBatchLoop loop;

    private AppServices() {
    }

    /** Starts the services of {@code config} with the stages bound to pipeline-core. */
    public static AppServices start(PlaystreamConfig config, Map<String, String> environment) {
        AppServices services = new AppServices();
        try {
            ObjectStore store = ObjectStores.open(config.store(), environment);
            services.started.push(store);
            Warehouse warehouse = Warehouses.open(config.warehouse(), environment);
            services.started.push(warehouse);
            Path project = DbtProjects.locate(Path.of("").toAbsolutePath(), config.dataDir());
            SinkService sink = services.startStreaming(config, store);
            Path target = DbtProjects.targetDir(config.dataDir());
            services.dashboard = new DashboardSources(Optional.of(warehouse), Optional.of(target), Optional.of(sink::metrics),
                    Optional.empty());
            services.bindCompleteness(warehouse);
            services.startAll(config, new CoreStages(warehouse, store, project, target, environment,
                    LoaderSettings.DEFAULTS.withKeepRaw(config.loadKeepRaw())));
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** Starts the services without streaming, the jobs running {@code stages} (tests bind them to their own store and warehouse). */
    public static AppServices start(PlaystreamConfig config, PipelineStages stages) {
        AppServices services = new AppServices();
        try {
            services.startAll(config, stages);
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /**
     * The streaming half: the embedded broker unless bootstrap servers are configured, the bronze
     * sink, and the simulator when a rate is set. Started before the jobs, stopped after them.
     */
    private SinkService startStreaming(PlaystreamConfig config, ObjectStore store) {
        String bootstrap = config.kafkaBootstrapServers();
        if (config.embeddedBroker()) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(config.dataDir().resolve("kafka"), 0);
            started.push(broker);
            bootstrap = broker.bootstrapServers();
        }
        kafkaBootstrapServers = bootstrap;
        KafkaSettings kafka = KafkaSettings.of(bootstrap);
        Topics.ensure(kafka, config.kafkaTopic(), config.kafkaPartitions());
        SinkMemberId member = SinkMemberId.claim(config.sinkInstanceId(), config.sinkSessionTimeout(), SinkConfig.DEFAULT_GROUP);
        started.push(member);
        NoticeSink notices = NoticeSink.NONE;
        if (config.continuous()) {
            KafkaNotices.ensureTopic(kafka, config.kafkaTopic());
            notices = KafkaNotices.publisher(kafka, config.kafkaTopic());
            noticeKafka = kafka;
        }
        SinkService sink = SinkService.start(kafka, SinkConfig.defaults(config.kafkaTopic())
                .withFlush(config.sinkFlushRecords(), config.sinkFlushBytes(), config.sinkFlushAge())
                .withMembership(member.membership()), store, notices);
        started.push(sink);
        new SinkMeters(sink::metrics).bindTo(metrics);
        health.put("sink", sink::isRunning);
        if (config.simulateRate() > 0) {
            SimulatorService simulator = SimulatorService.start(kafka,
                    PublisherConfig.defaults(config.kafkaTopic()).withPartitions(config.kafkaPartitions()),
                    config.simulateRate());
            started.push(simulator);
            health.put("simulator", simulator::isRunning);
        }
        LOG.info("Streaming: kafka={} topic={} store={} sink membership={}", bootstrap, config.kafkaTopic(), store.describe(),
                member.membership());
        return sink;
    }

    private void startAll(PlaystreamConfig config, PipelineStages stages) {
        jobs = JobsRuntime.start(jobsSettings(config), stages, List.of(new JobMetrics(metrics)));
        started.push(jobs);
        health.put("jobs", jobs::isHealthy);
        config.scheduleLoad().ifPresentOrElse(schedule -> jobs.runs().scheduleRecurringLoad(schedule),
                () -> jobs.runs().unscheduleRecurringLoad());
        if (config.continuous()) {
            loop = MicroBatchLoop.start(stages, Optional.ofNullable(noticeKafka)
                    .map(kafka -> KafkaNotices.reader(kafka, config.kafkaTopic())), config.pipelineTick(),
                    config.pipelineTestsEvery());
            started.push(loop);
            health.put("micro-batch-loop", loop::isRunning);
            io.micrometer.core.instrument.FunctionCounter.builder("playstream_micro_batches", loop, MicroBatchLoop::microBatches)
                    .description("Micro-batches of announced bronze objects that loaded anything").register(metrics);
            io.micrometer.core.instrument.FunctionCounter.builder("playstream_micro_batch_transforms", loop, MicroBatchLoop::transforms)
                    .description("Transforms the micro-batch loop ran").register(metrics);
            io.micrometer.core.instrument.FunctionCounter.builder("playstream_micro_batch_test_runs", loop, MicroBatchLoop::testRuns)
                    .description("Runs of the data tests the micro-batch loop ran that passed").register(metrics);
            io.micrometer.core.instrument.FunctionCounter.builder("playstream_micro_batch_failures", loop, MicroBatchLoop::failures)
                    .description("Micro-batch steps that failed and were tried again").register(metrics);
        }
        api = ApiServer.start(new ApiServer.Settings(config.httpHost(), config.httpPort(), config.httpMaxBodyBytes(),
                config.secrets().apiToken()), jobs.runs(), metrics, health,
                dashboard.withJobsDashboard(jobs.dashboardAddress()));
        started.push(api);
        LOG.info("Playstream running: api=http://{}:{} jobrunr dashboard={} pipeline.mode={} schedule.load={}", config.httpHost(),
                api.port(), jobs.dashboardAddress().map(a -> "http://" + config.httpHost() + ":" + api.port() + "/dashboard (JobRunr's"
                        + " own server on " + a.getHostString() + ":" + a.getPort() + ")").orElse("off"),
                config.pipelineMode().key(), config.scheduleLoad().orElse("off"));
    }

    /** In continuous mode the loop transforms after every load, so JobRunr's loads set off no follow-up of their own. */
    static JobsSettings jobsSettings(PlaystreamConfig config) {
        return new JobsSettings(config.jobsStorage(), config.dataDir(), config.secrets().jobsStoragePassword(),
                JobsSettings.DEFAULT_POLL_INTERVAL, config.jobsWorkers(), config.jobsRetries(), JobsSettings.DEFAULT_BACKOFF_SEED,
                config.jobsHost(), config.jobsPort(), !config.continuous());
    }

    /** {@code playstream_gold_watermark_lag_seconds}: how far behind now gold is complete through. */
    private void bindCompleteness(Warehouse warehouse) {
        io.micrometer.core.instrument.Gauge.builder("playstream_gold_watermark_lag_seconds",
                        new GoldCompleteness(Optional.of(warehouse)), GoldCompleteness::lagSeconds)
                .description("Seconds between now and the event time gold is complete through").register(metrics);
    }

    public int apiPort() {
        return api.port();
    }

    public Optional<Integer> dashboardPort() {
        return jobs.dashboardAddress().map(java.net.InetSocketAddress::getPort);
    }

    /** The Kafka the sink reads (the embedded broker's address when it started one); empty without streaming. */
    public Optional<String> kafkaBootstrapServers() {
        return Optional.ofNullable(kafkaBootstrapServers);
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Stops the API first (no new runs), then the jobs, then whatever the lead started before them. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", service.getClass().getSimpleName(), e);
            }
        }
        metrics.close();
        LOG.info("Playstream stopped");
    }
}
